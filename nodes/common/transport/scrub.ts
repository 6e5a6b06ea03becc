/**
 * The one rule for secrets in text that comes from a server: before a vendor's words become an
 * error (message, description, hint) they are scrubbed of every credential secret this process
 * has used (client secrets, passwords, HTTP Basic values, bearer tokens), in the forms a server
 * could echo them in: plain, URL-encoded (both ways a form encodes) and base64.
 *
 * The credentials register their values as they use them (`rememberSecrets` in preAuthentication
 * and authenticate), so the secrets of a request are known before its answer arrives. The set is
 * process-wide: a text is scrubbed of every credential's secrets, never fewer.
 */

const REDACTED = '[redacted]';

/** Shorter values would be redacted wherever they occur by chance. */
const MIN_SECRET_LENGTH = 6;

/** The forms kept: the oldest go first (tokens are renewed every half hour per credential). */
const MAX_FORMS = 2_000;

const known = new Set<string>();
let longestForm = 0;

function formsOf(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const unpadded = base64.replace(/=+$/, '');
	return [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
		base64,
		unpadded,
		unpadded.replace(/\+/g, '-').replace(/\//g, '_'),
	];
}

function remember(form: string) {
	if (form.length < MIN_SECRET_LENGTH || known.has(form)) return;
	known.add(form);
	longestForm = Math.max(longestForm, form.length);
	if (known.size > MAX_FORMS) known.delete(known.values().next().value as string);
}

/** Registers secrets (and their encoded forms) to be scrubbed from every vendor text from now on. */
export function rememberSecrets(...secrets: Array<string | undefined | null>): void {
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of formsOf(secret)) remember(form);
	}
}

/** The HTTP Basic value of a client (`base64(id:secret)`), registered as a secret, with `id:secret` itself. */
export function rememberBasic(id: string, secret: string): string {
	const pair = `${id}:${secret}`;
	rememberSecrets(pair);
	return Buffer.from(pair, 'utf8').toString('base64');
}

/** The text with every known secret form replaced. */
export function scrub(text: string): string {
	if (known.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
	let out = text;
	// Longest first, so that an encoded form holding a shorter secret is replaced whole.
	for (const form of [...known].sort((a, b) => b.length - a.length)) {
		if (out.includes(form)) out = out.split(form).join(REDACTED);
	}
	return out;
}

/** Vendor text longer than this is cut: a message is read by a person, not stored. */
const MAX_VENDOR_TEXT = 2_000;

/** The text cut to `max` characters (saying how much was left out). */
export function cutText(text: string, max = MAX_VENDOR_TEXT): string {
	return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * Vendor text as an error may carry it: scrubbed, then cut. A very long text is first cut to a
 * window that still holds any secret crossing the final cut whole, so scrubbing stays cheap.
 */
export function vendorText(text: string, max = MAX_VENDOR_TEXT): string {
	const window = text.length > max + longestForm + 1 ? text.slice(0, max + longestForm + 1) : text;
	if (window === text) return cutText(scrub(text), max);
	return `${scrub(window).slice(0, max)}… (about ${text.length - max} more characters)`;
}
