/**
 * Which entries of an API's answer (error entries, refused resources) name which IDs, found in one
 * pass over the entries: each entry's own id and every word of its message are looked up in a
 * map, so matching n IDs against m entries costs n + m, never n × m.
 */

/** A word of a message, as an ID may appear in it: quotes, brackets, commas, `=` and spaces around it are not part of it. */
const WORD = /[^\s'"`,;=()[\]{}<>]+/g;
/** Punctuation a sentence may put right after an ID. */
const TRAILING = /[.:!?]+$/;

export interface Mention {
	/** The ID the entry is about, when it says (`errors[].id`). */
	id?: unknown;
	/** The entry's text, in which the ID may be named. */
	message?: unknown;
}

/** The entries of `entries` that name each ID (keys in lower case), each entry once per ID. */
export class MentionIndex<E extends Mention> {
	private readonly byId = new Map<string, E[]>();

	/** `ids`: the IDs that will be asked about (when known, only they are indexed, not every word). */
	constructor(entries: readonly E[], ids?: Iterable<string>) {
		const wanted = ids === undefined ? undefined : new Set([...ids].map((id) => id.toLowerCase()));
		for (const entry of entries) {
			const keys = new Set<string>();
			if (entry.id !== undefined && entry.id !== null && entry.id !== '') keys.add(String(entry.id).toLowerCase());
			for (const word of String(entry.message ?? '').match(WORD) ?? []) {
				const lower = word.toLowerCase();
				const trimmed = lower.replace(TRAILING, '');
				keys.add(lower);
				keys.add(trimmed);
				// "value:abc" names abc; composite IDs and IPv6 addresses keep their colons as a whole word.
				if (trimmed.includes(':')) for (const part of trimmed.split(':')) if (part !== '') keys.add(part);
			}
			for (const key of keys) {
				if (wanted !== undefined && !wanted.has(key)) continue;
				const list = this.byId.get(key);
				if (list) list.push(entry);
				else this.byId.set(key, [entry]);
			}
		}
	}

	/** The entries naming any of `ids`, each once. */
	about(ids: readonly string[]): E[] {
		if (ids.length === 1) return this.byId.get(ids[0].toLowerCase()) ?? [];
		const found = new Set<E>();
		for (const id of ids) for (const entry of this.byId.get(id.toLowerCase()) ?? []) found.add(entry);
		return [...found];
	}

	/** The messages of the entries naming any of `ids`. */
	messagesAbout(ids: readonly string[]): string[] {
		return this.about(ids)
			.map((entry) => (entry.message === undefined || entry.message === null ? '' : String(entry.message)))
			.filter((message) => message !== '');
	}
}
