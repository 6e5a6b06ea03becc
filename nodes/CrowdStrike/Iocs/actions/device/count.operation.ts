import { deviceCountOperation } from '../../../shared/observed';

export const { description, execute } = deviceCountOperation('/indicators/aggregates/devices-count/v1', {
	show: { resource: ['device'], operation: ['count'] },
});
