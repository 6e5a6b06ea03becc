/**
 * What counts as a secret in this package's test runs, and how a text is checked for them.
 * Pure functions and one registry object: no n8n-core, no sandbox, so jest's setup file can load
 * it into every test file for nearly nothing.
 */
import { inspect } from 'node:util';

/** The credential types whose secrets are tracked (this package's). */
export const SECRET_CREDENTIAL_TYPES = new Set(['crowdStrikeFalconApi', 'cytomicOrionApi']);

/** Credential fields that hold a secret: client secrets, passwords and the tokens kept in hidden fields. */
const SECRET_FIELD = /secret|password|token/i;

/** Shorter values are not tracked: they would match by chance (and no real secret is that short). */
const MIN_SECRET_LENGTH = 8;

export type SecretKind = 'client secret' | 'password' | 'token' | 'sandbox token' | 'encoded secret';

export interface Finding {
	/** Where it was found, e.g. `runNode result (items, error, logs)`. */
	where: string;
	kind: SecretKind;
	/** The secret, masked: its first 3 characters and its length. Never the secret itself. */
	masked: string;
	/** Some characters around the find, with the secret masked. */
	context: string;
}

export function mask(secret: string): string {
	return `${secret.slice(0, 3)}…(${secret.length} chars)`;
}

function kindOfField(field: string): SecretKind {
	if (/password/i.test(field)) return 'password';
	if (/secret/i.test(field)) return 'client secret';
	return 'token';
}

/**
 * Every secret this process has seen: credential secrets and tokens (from the credential stores
 * the harness ran with), tokens the sandbox issued, and encoded forms a request could carry them
 * in (URL-encoded, Basic `id:secret` in base64).
 */
export class SecretRegistry {
	private readonly secrets = new Map<string, SecretKind>();

	get size(): number {
		return this.secrets.size;
	}

	add(secret: unknown, kind: SecretKind): void {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
		if (this.secrets.has(secret)) return;
		this.secrets.set(secret, kind);
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) this.secrets.set(encoded, 'encoded secret');
	}

	/** The fields of a stored credential of this package: its secrets, and `clientId:secret` as HTTP Basic carries it. */
	addCredential(type: string, data: Record<string, unknown> | undefined): void {
		if (!SECRET_CREDENTIAL_TYPES.has(type) || !data) return;
		for (const [field, value] of Object.entries(data)) {
			if (!SECRET_FIELD.test(field) || typeof value !== 'string') continue;
			this.add(value, kindOfField(field));
			if (/secret/i.test(field) && typeof data.clientId === 'string' && value.length >= MIN_SECRET_LENGTH) {
				const basic = Buffer.from(`${data.clientId}:${value}`).toString('base64');
				if (!this.secrets.has(basic)) this.secrets.set(basic, 'encoded secret');
			}
		}
	}

	/** Every tracked secret in the text, each once. */
	scan(text: string, where: string): Finding[] {
		const findings: Finding[] = [];
		for (const [secret, kind] of this.secrets) {
			const at = text.indexOf(secret);
			if (at === -1) continue;
			const around = text.slice(Math.max(0, at - 60), at + secret.length + 60).split(secret).join(mask(secret));
			findings.push({ where, kind, masked: mask(secret), context: around.replace(/\s+/g, ' ') });
		}
		return findings;
	}
}

/**
 * All a user or a log reader could see of a value, as text: its JSON (what n8n stores and shows),
 * plus `util.inspect` of any error in it, which also prints what JSON leaves out (`cause`, non-
 * enumerable properties such as an HTTP client's request config).
 */
export function visibleText(value: unknown): string {
	const parts: string[] = [];
	try {
		parts.push(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '');
	} catch {
		parts.push(inspect(value, { depth: 6, breakLength: Infinity }));
	}
	const seen = new Set<unknown>();
	const visit = (v: unknown, depth: number) => {
		if (v === null || typeof v !== 'object' || seen.has(v) || depth > 6) return;
		seen.add(v);
		if (v instanceof Error) {
			parts.push(inspect(v, { depth: 8, breakLength: Infinity, showHidden: true }));
			return;
		}
		const entries = Array.isArray(v) ? v : Object.values(v);
		// Item lists can be long: errors sit in the first levels (result.error, runData[node][i].error).
		for (const child of entries.slice(0, 200)) visit(child, depth + 1);
	};
	visit(value, 0);
	return parts.join('\n');
}
