import { readActionCounts } from '../../nodes/CrowdStrike/Quarantine/actions/quarantinedFile/fields';

describe('ActionUpdateCount read as the spec answers it (msa.AggregatesResponse), and as the docs were read before', () => {
	it('results named by action, each with its buckets', () => {
		expect(
			readActionCounts([
				{ name: 'release', buckets: [{ count: 3 }] },
				{ name: 'delete', buckets: [{ count: 2 }, { count: 1 }] },
				{ name: 'unrelease', buckets: [] },
			]),
		).toEqual({ release: 3, delete: 3, unrelease: 0 });
	});

	it('one result whose buckets are labelled by action', () => {
		expect(readActionCounts([{ name: 'action_counts', buckets: [{ label: 'release', count: 7 }, { label: 'delete', count: 4 }] }])).toEqual({ release: 7, delete: 4 });
	});

	it('a {name, count} list', () => {
		expect(readActionCounts([{ name: 'release', count: 5 } as never])).toEqual({ release: 5 });
	});

	it('an answer it cannot read gives no count at all: the guard then refuses', () => {
		expect(readActionCounts([])).toEqual({});
		expect(readActionCounts([{ name: 'files', buckets: [{ label: 'quarantined', count: 9 }] }])).toEqual({});
		expect(readActionCounts([{ name: 'release', buckets: [{ count: 'many' as never }] }])).toEqual({});
	});
});
