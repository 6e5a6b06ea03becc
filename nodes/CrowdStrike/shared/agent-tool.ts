/** Whose data a Falcon node's writes change, as refusals to an AI agent name it. */
export const FALCON_TENANT = 'the CrowdStrike Falcon tenant';
