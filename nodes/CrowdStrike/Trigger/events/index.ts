import { alertUpdated, newAlert } from './alert';
import { indicatorChanged } from './indicator';
import { newQuarantinedFile, quarantinedFileUpdated } from './quarantine';
import { scanCompleted } from './scan';
import type { FalconTriggerEvent } from './types';

export type { EventRun, FalconTriggerEvent, Polled } from './types';

/** The events by their parameter value. */
export const EVENTS: Record<string, FalconTriggerEvent> = {
	newQuarantinedFile,
	quarantinedFileUpdated,
	indicatorChanged,
	scanCompleted,
	newAlert,
	alertUpdated,
};
