/**
 * The desk API: one map of methods that the preload bridge, the IPC router, the loopback host and in-process
 * calls all serve (STYLE.md, "one handler map is the API"). Each method has a zod schema for its input, checked
 * by every transport on the way in, and a declared output type.
 *
 * To add a method: add its input schema to `deskApiInputs` and its output type to `DeskApiOutputs`.
 */
import { z } from 'zod';
import type { Result } from '../result';

export const deskApiInputs = {
  'app.info': z.object({}).strict(),
} as const;

export interface DeskApiOutputs {
  'app.info': { version: string; deviceId: string | null; unitCode: string | null; deskNumber: number | null };
}

export type DeskApiMethod = keyof typeof deskApiInputs & keyof DeskApiOutputs;
export type DeskApiInput<M extends DeskApiMethod> = z.input<(typeof deskApiInputs)[M]>;
export type DeskApiOutput<M extends DeskApiMethod> = DeskApiOutputs[M];

/** The call signature every transport offers the renderer. */
export type DeskCall = <M extends DeskApiMethod>(method: M, input: DeskApiInput<M>) => Promise<Result<DeskApiOutput<M>>>;

export const deskApiMethods = Object.keys(deskApiInputs) as DeskApiMethod[];
