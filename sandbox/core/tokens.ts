import { randomBytes } from 'node:crypto';

/** Who a token was issued to. */
export interface Principal {
	clientId: string;
	/** MSSP child CID the token acts for, when one was asked. */
	memberCid?: string;
	[key: string]: unknown;
}

interface TokenRecord {
	principal: Principal;
	expiresAtMs: number;
	issuedAtMs: number;
}

/**
 * Opaque bearer tokens with a lifetime. Used by the Falcon OAuth2 emulation and reusable
 * by any other service (Cytomic Orion) that issues its own tokens.
 */
export class TokenStore {
	private readonly tokens = new Map<string, TokenRecord>();
	/** How many tokens were ever issued (handy in tests: "the node reused its token"). */
	issuedCount = 0;

	constructor(private readonly now: () => number = Date.now) {}

	issue(principal: Principal, lifetimeSeconds: number): { token: string; expiresIn: number } {
		const token = randomBytes(48).toString('base64url');
		const now = this.now();
		this.tokens.set(token, { principal, issuedAtMs: now, expiresAtMs: now + lifetimeSeconds * 1000 });
		this.issuedCount++;
		if (this.tokens.size > 10_000) this.purgeExpired();
		return { token, expiresIn: lifetimeSeconds };
	}

	/** The principal of a live token, or undefined (unknown, revoked or expired). */
	validate(token: string | undefined): Principal | undefined {
		if (!token) return undefined;
		const rec = this.tokens.get(token);
		if (!rec) return undefined;
		if (this.now() >= rec.expiresAtMs) {
			this.tokens.delete(token);
			return undefined;
		}
		return rec.principal;
	}

	revoke(token: string): boolean {
		return this.tokens.delete(token);
	}

	/** Invalidates every current token; answers how many were live. */
	expireTokens(): number {
		const n = this.tokens.size;
		this.tokens.clear();
		return n;
	}

	get liveCount(): number {
		this.purgeExpired();
		return this.tokens.size;
	}

	reset(): void {
		this.tokens.clear();
		this.issuedCount = 0;
	}

	private purgeExpired(): void {
		const now = this.now();
		for (const [t, rec] of this.tokens) if (now >= rec.expiresAtMs) this.tokens.delete(t);
	}
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive). */
export function bearerToken(authorization: string | undefined): string | undefined {
	if (!authorization) return undefined;
	const m = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization);
	return m ? m[1] : undefined;
}

/** id and secret of an `Authorization: Basic base64(id:secret)` header. */
export function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
	if (!authorization) return undefined;
	const m = /^\s*basic\s+(\S+)\s*$/i.exec(authorization);
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const i = decoded.indexOf(':');
	if (i < 0) return undefined;
	return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}
