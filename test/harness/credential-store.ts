import type { ICredentialDataDecryptedObject, INodeCredentialsDetails } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** A credential as n8n's database holds it (decrypted). */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** One write through the credentials helper (`updateCredentials`, e.g. a refreshed token). */
export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
	at: Date;
}

export type CredentialsInput = Record<string, ICredentialDataDecryptedObject> | CredentialStore;

/** n8n stores credential data as encrypted JSON: every read is a fresh copy, JSON types only. */
function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The harness's stand-in for n8n's credentials table: credentials keyed by id, each with its type
 * and data. Create one in a test and pass it to several runs: a token a credential's
 * `preAuthentication` fetched (and the helper persisted) is seen by later runs, as in n8n.
 * Reads hand out copies; `updates` records every write the helper made.
 */
export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** Every persisted update, oldest first. */
	readonly updates: CredentialUpdate[] = [];

	private nextId = 1;

	/** `new CredentialStore({ crowdStrikeFalconApi: {...} })` adds one credential per type. */
	constructor(initial: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, data] of Object.entries(initial)) this.add(type, data);
	}

	/** The given store, or a fresh one holding the given credentials (one per type). */
	static from(input: CredentialsInput | undefined): CredentialStore {
		return input instanceof CredentialStore ? input : new CredentialStore(input ?? {});
	}

	/** Adds a credential; returns the reference a node's `credentials[type]` carries. */
	add(
		type: string,
		data: ICredentialDataDecryptedObject,
		options: { id?: string; name?: string } = {},
	): { id: string; name: string } {
		let id = options.id;
		if (id === undefined) {
			while (this.entries.has(String(this.nextId))) this.nextId++;
			id = String(this.nextId++);
		}
		if (this.entries.has(id)) throw new UserError(`A credential with ID "${id}" is already stored`);
		const name = options.name ?? `${type} ${id}`;
		this.entries.set(id, { id, name, type, data: copy(data) });
		return { id, name };
	}

	has(id: string): boolean {
		return this.entries.has(id);
	}

	/** A copy of the stored credential. */
	get(id: string): StoredCredential | undefined {
		const entry = this.entries.get(id);
		return entry && copy(entry);
	}

	/** A copy of the first credential of this type. */
	findByType(type: string): StoredCredential | undefined {
		for (const entry of this.entries.values()) if (entry.type === type) return copy(entry);
		return undefined;
	}

	all(): StoredCredential[] {
		return [...this.entries.values()].map(copy);
	}

	/** The `{ id, name }` reference of the first credential of this type. */
	refFor(type: string): INodeCredentialsDetails | undefined {
		const entry = this.findByType(type);
		return entry && { id: entry.id, name: entry.name };
	}

	/**
	 * What n8n's `CredentialsRepository.findOneByOrFail({ id, type })` returns, as a copy; throws
	 * n8n's messages when the reference has no id or nothing matches.
	 */
	read(ref: INodeCredentialsDetails, type: string): StoredCredential {
		if (!ref.id) {
			throw new UserError(`Credential "${ref.name}" for type "${type}" has no ID`);
		}
		const entry = this.entries.get(ref.id);
		if (!entry || entry.type !== type) {
			throw new UserError(`Credential with ID "${ref.id}" does not exist for type "${type}".`);
		}
		return copy(entry);
	}

	/** Stored data of a credential (copy). */
	getData(id: string): ICredentialDataDecryptedObject {
		const entry = this.entries.get(id);
		if (!entry) throw new UserError(`Credential with ID "${id}" does not exist.`);
		return copy(entry.data);
	}

	/** Replaces a credential's data, as n8n's `updateCredentials` does; counted in `updates`. */
	update(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.read({ id, name: '' }, type);
		this.entries.set(id, { ...entry, data: copy(data) });
		this.updates.push({ id, type, data: copy(data), at: new Date() });
	}

	/**
	 * Changes stored fields from the test (e.g. plant a stale token) without counting as an update.
	 */
	patch(id: string, fields: ICredentialDataDecryptedObject): void {
		const entry = this.entries.get(id);
		if (!entry) throw new UserError(`Credential with ID "${id}" does not exist.`);
		entry.data = copy({ ...entry.data, ...fields });
	}

	/** Number of persisted updates, of all credentials or of one. */
	updateCount(id?: string): number {
		return id === undefined ? this.updates.length : this.updates.filter((u) => u.id === id).length;
	}
}
