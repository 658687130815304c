import type { Handlers } from '../../shared/contract-kit';
import type { fileTransferContract } from '../../shared/contracts/file-transfer';
import type { EngineApi } from '../engine/engine-api';
import { download } from '../engine/files/download';
import { upload } from '../engine/files/upload';
import { UploadSessions } from '../engine/files/upload-sessions';

/** `docker cp` both ways (electron/engine/files/download.ts, upload.ts); client uploads feed a session. */
export function fileTransferHandlers(engine: EngineApi): Handlers<typeof fileTransferContract> {
  const sessions = new UploadSessions();
  return {
    'files.download': async (args, sink, signal) => download(await engine.docker(), args, sink, signal),
    'files.upload': async (args, sink, signal, ctx) =>
      upload(await engine.docker(), args, { store: sessions, sender: ctx.sender }, sink, signal),
    'files.uploadChunk': async ({ session, data }, ctx) =>
      sessions.push(session, ctx.sender, Buffer.from(data, 'base64')),
  };
}
