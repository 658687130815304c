import type { z } from 'zod';

/** Building blocks for the one IPC contract. Everything else derives its types from these. */

export interface InvokeDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly input: I;
  readonly output: O;
}

export interface StreamDef<I extends z.ZodType = z.ZodType, F extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly input: I;
  readonly frame: F;
}

export type ChannelDef = InvokeDef | StreamDef;
export type ContractShape = Record<string, ChannelDef>;

export function invoke<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): InvokeDef<I, O> {
  return { kind: 'invoke', input, output };
}

export function stream<I extends z.ZodType, F extends z.ZodType>(input: I, frame: F): StreamDef<I, F> {
  return { kind: 'stream', input, frame };
}

export type InvokeChannels<C extends ContractShape> = {
  [K in keyof C]: C[K] extends InvokeDef ? K : never;
}[keyof C] &
  string;
export type StreamChannels<C extends ContractShape> = {
  [K in keyof C]: C[K] extends StreamDef ? K : never;
}[keyof C] &
  string;

/** What a caller passes (defaults still optional). */
export type ArgsIn<D extends ChannelDef> = z.input<D['input']>;
/** What a handler receives (after parsing, defaults applied). */
export type ArgsOut<D extends ChannelDef> = z.output<D['input']>;
export type Result<D extends ChannelDef> = D extends InvokeDef<z.ZodType, infer O> ? z.output<O> : never;
export type Frame<D extends ChannelDef> = D extends StreamDef<z.ZodType, infer F> ? z.output<F> : never;

/**
 * A stream handler writes frames into a sink. Frames are batched by the transport; `pressured` turns
 * true when the consumer has not acknowledged enough batches, and `drained()` resolves when it has —
 * producers of high-rate data pause their engine stream while pressured instead of buffering.
 */
export interface StreamSink<F> {
  emit(frame: F): void;
  readonly pressured: boolean;
  drained(): Promise<void>;
  /**
   * Sends what is pending now instead of at the end of the batch window: for a producer that knows a
   * burst is complete (e.g. the requested `tail` lines have all been read), so its last part does not
   * wait out the window. Optional for hand-made sinks in tests.
   */
  flush?(): void;
}

export interface HandlerContext {
  /** Stable key of the caller (window or socket) for per-sender state. */
  readonly sender: string;
}

export type Handlers<C extends ContractShape> = {
  [K in keyof C]: C[K] extends InvokeDef
    ? (args: ArgsOut<C[K]>, ctx: HandlerContext) => Promise<Result<C[K]>>
    : C[K] extends StreamDef
      ? (args: ArgsOut<C[K]>, sink: StreamSink<Frame<C[K]>>, signal: AbortSignal, ctx: HandlerContext) => Promise<void>
      : never;
};
