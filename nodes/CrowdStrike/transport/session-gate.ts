import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { issuedFor, type FalconCredentialData } from '../shared/credential-fields';

/** A token this close to its end is treated as gone: requests go one at a time until it is renewed. */
const RENEWAL_MARGIN_MS = 5_000;

type ReadCredentials = () => Promise<ICredentialDataDecryptedObject>;

/**
 * Lets requests run concurrently only while the stored token is fresh. Without one (the first call,
 * or near expiry) a single request goes first: it makes n8n fetch or renew the token once, and the
 * rest follow with that token instead of each asking for its own.
 */
export class SessionGate {
	private freshUntil: number | undefined;

	private tail: Promise<void> = Promise.resolve();

	constructor(private readonly readCredentials: ReadCredentials) {}

	async run<T>(send: () => Promise<T>): Promise<T> {
		for (;;) {
			if (await this.isFresh()) return await send();
			const release = await this.turn();
			try {
				if (await this.isFresh()) continue;
				const result = await send();
				this.freshUntil = undefined;
				return result;
			} finally {
				release();
			}
		}
	}

	private async isFresh(): Promise<boolean> {
		this.freshUntil ??= await this.readFreshUntil();
		return Date.now() < this.freshUntil;
	}

	private async readFreshUntil(): Promise<number> {
		const credential = (await this.readCredentials()) as unknown as FalconCredentialData;
		if (!credential.sessionToken || credential.issuedFor !== issuedFor(credential)) return 0;
		const expiresAt = Date.parse(credential.expiresAt ?? '');
		return Number.isFinite(expiresAt) ? expiresAt - RENEWAL_MARGIN_MS : Number.POSITIVE_INFINITY;
	}

	private async turn(): Promise<() => void> {
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => {
			release = resolve;
		});
		await previous;
		return release;
	}
}
