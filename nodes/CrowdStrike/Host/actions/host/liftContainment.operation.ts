import { deviceActionOperation } from './deviceAction';

/** Lifts network containment: the host's network communications return to normal. */
const operation = deviceActionOperation({
	operation: 'liftContainment',
	action: 'lift_containment',
	verb: 'lift containment on',
	done: 'Lifted containment on',
	hidden: false,
	field: 'status',
	reached: ['lift_containment_pending', 'normal'],
	refusal(record) {
		if (record.status === 'normal') return 'not contained';
		if (record.status === 'lift_containment_pending') return 'its containment is already being lifted';
		return undefined;
	},
});

export const description = operation.description;
export const execute = operation.execute;
