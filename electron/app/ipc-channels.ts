/** Electron IPC channel names shared by main (electron/ipc/electron-transport.ts) and the preload. */
export const IPC_INVOKE = 'berth:invoke';
export const IPC_SUBSCRIBE = 'berth:subscribe';
export const IPC_UNSUBSCRIBE = 'berth:unsubscribe';
export const IPC_ACK = 'berth:ack';
/** Main → renderer stream frames. */
export const IPC_FRAME = 'berth:frame';

/** Upper bounds on identifiers crossing IPC; longer ones are refused rather than stored. */
export const MAX_CHANNEL_LENGTH = 128;
export const MAX_SUB_LENGTH = 128;
