import { z } from 'zod';
import { splitConfigFiles } from '../../../shared/compose-labels';

/**
 * Parsers for compose v2's JSON outputs. `ps --format json` printed one JSON array up to v2.20 and
 * one object per line (NDJSON) from v2.21 on; `ls --format json` prints an array. v1 has neither (Berth
 * reads v1 projects from the containers' labels instead). Unknown fields are ignored, missing optional
 * ones defaulted: the CLI adds fields between versions.
 */

const Publisher = z.object({
  URL: z.string().default(''),
  TargetPort: z.number().int().default(0),
  PublishedPort: z.number().int().default(0),
  Protocol: z.string().default('tcp'),
});

const PsEntry = z.object({
  ID: z.string(),
  Name: z.string(),
  Project: z.string().default(''),
  Service: z.string().default(''),
  State: z.string().default(''),
  Health: z.string().default(''),
  ExitCode: z.number().int().default(0),
  Publishers: z.array(Publisher).nullable().default([]),
});

export interface ComposePsEntry {
  id: string;
  name: string;
  project: string;
  service: string;
  state: string;
  health: string;
  exitCode: number;
  publishers: Array<{ url: string; targetPort: number; publishedPort: number; protocol: string }>;
}

/** Every JSON value in `out`: one array (older v2) or one value per line (v2.21+). */
function jsonValues(out: string): unknown[] {
  const text = out.trim();
  if (text === '') return [];
  if (text.startsWith('[')) return z.array(z.unknown()).parse(JSON.parse(text));
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}

export function parseComposePs(out: string): ComposePsEntry[] {
  return jsonValues(out).map((v) => {
    const e = PsEntry.parse(v);
    return {
      id: e.ID,
      name: e.Name,
      project: e.Project,
      service: e.Service,
      state: e.State,
      health: e.Health,
      exitCode: e.ExitCode,
      publishers: (e.Publishers ?? []).map((p) => ({
        url: p.URL,
        targetPort: p.TargetPort,
        publishedPort: p.PublishedPort,
        protocol: p.Protocol,
      })),
    };
  });
}

const LsEntry = z.object({
  Name: z.string(),
  Status: z.string().default(''),
  ConfigFiles: z.string().default(''),
});

export interface ComposeLsEntry {
  name: string;
  /** "running(2), exited(1)" → { running: 2, exited: 1 }. */
  states: Record<string, number>;
  configFiles: string[];
}

/** "running(2), exited(1)" → { running: 2, exited: 1 }; a bare "running" counts as 1. */
export function parseLsStatus(status: string): Record<string, number> {
  const states: Record<string, number> = {};
  for (const part of status.split(',')) {
    const m = /^\s*([a-z]+)(?:\((\d+)\))?\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const state = m[1].toLowerCase();
    states[state] = (states[state] ?? 0) + (m[2] ? Number(m[2]) : 1);
  }
  return states;
}

export function parseComposeLs(out: string): ComposeLsEntry[] {
  return jsonValues(out).map((v) => {
    const e = LsEntry.parse(v);
    return {
      name: e.Name,
      states: parseLsStatus(e.Status),
      configFiles: splitConfigFiles(e.ConfigFiles),
    };
  });
}
