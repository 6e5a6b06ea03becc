import { sleep, type IDataObject } from 'n8n-workflow';

import type { ParsedItem } from '../../../../common/items';
import { changedFields, expiresSoon, type ManagedField } from '../../../shared/indicator-sync';
import { keyOf, type IndicatorWrite } from '../../../shared/indicator-writes';

/** One distinct indicator of the feed: its first line, and the later lines that repeat it. */
export interface FeedEntry {
	key: string;
	item: ParsedItem<IndicatorWrite>;
	repeats: number[];
	/** An indicator of the source has this type and value. */
	listed?: true;
}

export interface Update {
	entry: FeedEntry;
	record: IDataObject;
	changed: ManagedField[];
}

export type MissingFromFeed = 'delete' | 'expire' | 'keep';

/** What the run does, worked out before anything is written. */
export interface Plan {
	create: FeedEntry[];
	update: Update[];
	unchanged: Array<{ entry: FeedEntry; record: IDataObject }>;
	/** Indicators of this source the feed does not list. */
	missing: IDataObject[];
	/** Those the run removes (deletes or expires); the rest are kept. */
	remove: IDataObject[];
	notes: string[];
}

/** The feed's distinct indicators by "type:value", in feed order; a repeated type and value joins its first line. */
export function distinct(feed: Array<ParsedItem<IndicatorWrite>>): Map<string, FeedEntry> {
	const entries = new Map<string, FeedEntry>();
	for (const item of feed) {
		const key = keyOf(item.input.indicator);
		const entry = entries.get(key);
		if (entry) entry.repeats.push(item.index);
		else entries.set(key, { key, item, repeats: [] });
	}
	return entries;
}

/**
 * Compares the source's indicators with the feed page by page, as the pages come (while the next
 * one is on its way), so that little is left to do once the last page is in. Pages that come
 * before the feed is read wait for it.
 */
export class SyncPlanner {
	private feed: Map<string, FeedEntry> | undefined;
	private waiting: IDataObject[][] = [];
	private listed = 0;
	private readonly update: Update[] = [];
	private readonly unchanged: Array<{ entry: FeedEntry; record: IDataObject }> = [];
	private readonly missing: IDataObject[] = [];

	/** How many indicators the source has. */
	get existing(): number {
		return this.listed;
	}

	/** Takes one page of the source's indicators. */
	readonly take = (records: IDataObject[]): void => {
		if (this.feed) this.compare(records, this.feed);
		else this.waiting.push(records);
	};

	/**
	 * The feed's distinct entries: the pages already in are compared now, one at a time with a
	 * pause between them so that the list, still on its way, is not held up; later pages as they come.
	 */
	async setFeed(feed: Map<string, FeedEntry>): Promise<void> {
		while (this.waiting.length > 0) {
			this.compare(this.waiting.shift() ?? [], feed);
			await sleep(0);
		}
		this.feed = feed;
	}

	private compare(records: IDataObject[], feed: Map<string, FeedEntry>): void {
		for (const record of records) {
			const entry = feed.get(keyOf(record));
			// Type and value are unique per CID; should the list repeat one, its first record counts.
			if (entry?.listed) continue;
			this.listed++;
			if (!entry) {
				this.missing.push(record);
				continue;
			}
			entry.listed = true;
			const changed = changedFields(entry.item.input.indicator, record);
			if (changed.length > 0) this.update.push({ entry, record, changed });
			else this.unchanged.push({ entry, record });
		}
	}

	/** The plan, once every page is in: updates in feed order, removals as Missing From Feed says. */
	plan(entries: FeedEntry[], missingFromFeed: MissingFromFeed, invalidItems: number, now: number): Plan {
		const result: Plan = {
			create: entries.filter((entry) => entry.listed !== true),
			update: this.update.sort((a, b) => a.entry.item.index - b.entry.item.index),
			unchanged: this.unchanged,
			missing: this.missing,
			remove: [],
			notes: [],
		};
		if (missingFromFeed === 'keep') return result;
		if (invalidItems > 0) {
			result.notes.push(`${invalidItems} feed item(s) were invalid, so nothing was removed: an indicator they stand for would have looked missing`);
			return result;
		}
		result.remove = missingFromFeed === 'expire' ? this.missing.filter((record) => !expiresSoon(record, now)) : this.missing;
		return result;
	}
}
