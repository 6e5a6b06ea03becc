import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';

import type { Logger as N8nLogger, LogMetadata } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata: LogMetadata;
}

const capture = new AsyncLocalStorage<LogEntry[]>();

/** `HARNESS_LOG=1` (or a level: error|warn|info|debug) also prints what n8n logs, for debugging. */
const LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug'];
const echoLevel = ((): number => {
	const value = process.env.HARNESS_LOG;
	if (!value || value === '0' || value === 'false') return -1;
	const index = LEVELS.indexOf(value as LogLevel);
	return index === -1 ? LEVELS.length - 1 : index;
})();

/**
 * Stands in for n8n's `Logger` (`@n8n/backend-common`) in the DI container and in `LoggerProxy`:
 * every message n8n-core, n8n-workflow or a node (`this.logger`) writes is recorded into the log
 * of the harness run it happened in (tracked through async context, so concurrent runs do not mix).
 */
export class CapturingLogger implements N8nLogger {
	error(message: string, metadata: LogMetadata = {}): void {
		this.log('error', message, metadata);
	}

	warn(message: string, metadata: LogMetadata = {}): void {
		this.log('warn', message, metadata);
	}

	info(message: string, metadata: LogMetadata = {}): void {
		this.log('info', message, metadata);
	}

	debug(message: string, metadata: LogMetadata = {}): void {
		this.log('debug', message, metadata);
	}

	/** n8n's Logger API: scoped loggers share the capture. */
	scoped(): this {
		return this;
	}

	private log(level: LogLevel, message: string, metadata: LogMetadata): void {
		capture.getStore()?.push({ level, message: String(message), metadata });
		if (echoLevel >= LEVELS.indexOf(level)) {
			console.log(formatLogEntry({ level, message: String(message), metadata }));
		}
	}
}

/** Runs `fn` with its own log; what n8n writes meanwhile (in that async context) lands in `entries`. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; entries: LogEntry[] }> {
	const entries: LogEntry[] = [];
	const result = await capture.run(entries, fn);
	return { result, entries };
}

/** `level: message {metadata}`, metadata compact and cut at 500 characters. */
export function formatLogEntry({ level, message, metadata }: LogEntry): string {
	const keys = Object.keys(metadata ?? {});
	if (keys.length === 0) return `${level}: ${message}`;
	let meta = inspect(metadata, { depth: 2, breakLength: Infinity, compact: true });
	if (meta.length > 500) meta = `${meta.slice(0, 500)}…`;
	return `${level}: ${message} ${meta}`;
}
