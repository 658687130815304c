import { useState } from 'react';
import { formatLineCount, lineToText, logFileName, type TextOptions } from '../../presentation/logs';
import { saveBlob } from '../../lib/saveBlob';
import { toast } from '../../stores/toasts';
import type { LogSession } from './session';

/** "Download logs": every line of the session (not only those kept on screen) as a text file. */
export function useLogDownload(session: LogSession, names: readonly string[], text: TextOptions) {
  const [downloading, setDownloading] = useState(false);
  const download = async (): Promise<void> => {
    setDownloading(true);
    try {
      const lines = await session.collectAll();
      const chunks: string[] = [];
      for (let i = 0; i < lines.length; i += 10_000) {
        let s = '';
        for (const l of lines.slice(i, i + 10_000)) s += lineToText(l, text) + '\n';
        chunks.push(s);
      }
      const fileName = logFileName(names);
      saveBlob(new Blob(chunks, { type: 'text/plain;charset=utf-8' }), fileName);
      toast.success(`Saved ${formatLineCount(lines.length)} lines`, fileName);
    } catch (err) {
      toast.fromError('Could not download the logs', err);
    } finally {
      setDownloading(false);
    }
  };
  return { downloading, download };
}
