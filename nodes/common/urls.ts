/** Where a credential may send its secrets: the rules every vendor's credential and transport share. */
/**
 * Set on every request a credential signs (its `authenticate`, its test request): n8n-core follows
 * no redirect (the transport follows one only to the same origin, see transport/client.ts), and
 * never copies the Authorization header to another origin should a redirect be followed anyway.
 */
export const SIGNED_REQUEST_OPTIONS = { disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false } as const;

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.test(hostname);
}

function parsedUrl(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

/**
 * What is wrong with a base URL a credential would send secrets to, or undefined when it is fine:
 * https anywhere, plain http only on loopback (the embedded sandbox).
 */
export function baseUrlProblem(raw: string, fieldName: string, example = 'https://api.example.com'): string | undefined {
	const trimmed = raw.trim();
	if (trimmed === '') return `${fieldName} is required: give the API's address, e.g. ${example}`;
	const url = parsedUrl(trimmed);
	if (url === undefined) return `${fieldName} "${trimmed}" is not a valid URL: give the API's address, e.g. ${example}`;
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		return `${fieldName} must use https:// (plain http:// is only allowed for loopback hosts such as the sandbox)`;
	}
	return undefined;
}

/** The base URL without a trailing slash, or an Error naming the problem (see `baseUrlProblem`). */
export function checkedBaseUrl(raw: string, fieldName: string, example?: string): string {
	const problem = baseUrlProblem(raw, fieldName, example);
	if (problem !== undefined) throw new Error(problem);
	const url = new URL(raw.trim());
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Whether two URLs share scheme, host and port: a credential may follow a redirect only there. */
export function sameOrigin(a: string, b: string): boolean {
	const left = parsedUrl(a);
	const right = parsedUrl(b);
	return left !== undefined && right !== undefined && left.origin === right.origin;
}
