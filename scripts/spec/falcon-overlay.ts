/**
 * What the swagger does not say and CrowdStrike's own clients or the live API do, each entry with
 * its source. build-falcon-spec.ts copies these into spec/falcon/falcon-spec.json (`enums`,
 * `knownExtraStatuses`, `quirks`) after checking that every operation, parameter, model and field
 * they name exists in the generated spec.
 */

/**
 * Allowed values for a place the swagger leaves open. The place is one of:
 * - a query/form parameter: `operationId` + `param`;
 * - a model field (wherever the model is used): `model` + `field` (`items: true` when the field
 *   is a list and the values apply to its items);
 * - a path inside one operation's JSON body: `operationId` + `bodyPath` (`a.b`, `list[].name`),
 *   optionally only where sibling fields hold given values (`when`).
 */
export interface EnumOverlay {
	operationId?: string;
	param?: string;
	model?: string;
	field?: string;
	bodyPath?: string;
	when?: Record<string, string>;
	items?: boolean;
	values: string[];
	source: string;
}

/** A status the live API sends for an operation although the swagger does not declare it. */
export interface KnownExtraStatus {
	/** Spec operation ids, or `*` for every operation that does not declare the status itself. */
	operationIds: string[];
	status: number;
	/** The model the body follows (`null`: no JSON body is promised). */
	model: string | null;
	when: string;
	source: string;
}

/** Where the spec's own flags cannot be taken literally. */
export interface ModelQuirk {
	model: string;
	/** `notRequired`: required flags of the listed fields (all when omitted) are not enforced on requests.
	 *  `oneOfRequired`: at least one of the listed fields must be present.
	 *  `embedded`: the field is Go struct embedding in CrowdStrike's service: its model's fields sit
	 *  at the parent's level (allOf), the field itself never appears. */
	kind: 'notRequired' | 'oneOfRequired' | 'embedded';
	fields?: string[];
	source: string;
}

const PSFALCON_IOC = 'PSFalcon Public/ioc.ps1 (CrowdStrike/psfalcon d1146ed): New-FalconIoc/Edit-FalconIoc ValidateSet';
const IOC_REQUEST_MODELS = ['APIIndicatorCreateReqV1', 'APIIndicatorUpdateReqV1', 'APIBulkUpdateReqV1'];

export const ENUM_OVERLAY: EnumOverlay[] = [
	{
		model: 'APIIndicatorCreateReqV1',
		field: 'type',
		values: ['sha256', 'md5', 'domain', 'ipv4', 'ipv6'],
		source: `the swagger's own 'type' parameter of indicator.get.device_count.v1 ("Valid types include: sha256, md5, domain, ipv4, ipv6"); ${PSFALCON_IOC}('domain','ipv4','ipv6','md5','sha256')`,
	},
	...IOC_REQUEST_MODELS.map(
		(model): EnumOverlay => ({
			model,
			field: 'action',
			values: ['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect'],
			source: `${PSFALCON_IOC}('no_action','allow','prevent_no_ui','detect','prevent')`,
		}),
	),
	...IOC_REQUEST_MODELS.map(
		(model): EnumOverlay => ({
			model,
			field: 'mobile_action',
			values: ['no_action', 'allow', 'detect', 'prevent'],
			source: "PSFalcon public/iocs.ps1 (CrowdStrike/psfalcon 038566b): Edit-FalconIoc -MobileAction ValidateSet('allow','detect','no_action','prevent')",
		}),
	),
	...IOC_REQUEST_MODELS.map(
		(model): EnumOverlay => ({
			model,
			field: 'severity',
			values: ['informational', 'low', 'medium', 'high', 'critical'],
			source: `${PSFALCON_IOC}('informational','low','medium','high','critical')`,
		}),
	),
	...IOC_REQUEST_MODELS.map(
		(model): EnumOverlay => ({
			model,
			field: 'platforms',
			items: true,
			values: ['windows', 'mac', 'linux', 'ios', 'android'],
			source: `${PSFALCON_IOC}('linux','mac','windows'); ios and android for mobile indicators: reference notes falcon-api.md (IOC Management: "Platforms: windows, mac, linux (ios, android for mobile)")`,
		}),
	),
	...['DomainEntitiesPatchRequest', 'DomainQueriesPatchRequest'].map(
		(model): EnumOverlay => ({
			model,
			field: 'action',
			values: ['release', 'unrelease', 'delete'],
			source: "FalconPy src/falconpy/quarantine.py (322ff0a): update_quarantined_detects_by_id / update_quarantined_detects_by_query, action \"Allowed values: 'release', 'unrelease', 'delete'\"",
		}),
	),
	{
		operationId: 'PerformActionV2',
		param: 'action_name',
		values: ['contain', 'lift_containment', 'hide_host', 'unhide_host', 'detection_suppress', 'detection_unsuppress'],
		source: 'FalconPy src/falconpy/hosts.py (322ff0a): perform_action, _allowed_actions; the swagger lists contain, lift_containment, hide_host and unhide_host in the parameter description only',
	},
	...['UpdateV3', 'PatchEntitiesAlertsV2'].map(
		(operationId): EnumOverlay => ({
			operationId,
			bodyPath: 'action_parameters[].name',
			values: [
				'add_tag',
				'append_comment',
				'assign_to_name',
				'assign_to_user_id',
				'assign_to_uuid',
				'new_behavior_processed',
				'remove_tag',
				'remove_tags_by_prefix',
				'show_in_ui',
				'unassign',
				'update_status',
			],
			source: 'FalconPy src/falconpy/_payload/_alerts.py (322ff0a): update_alerts_payload keys; src/falconpy/alerts.py update_alerts_v3 docstring',
		}),
	),
	...['UpdateV3', 'PatchEntitiesAlertsV2'].map(
		(operationId): EnumOverlay => ({
			operationId,
			bodyPath: 'action_parameters[].value',
			when: { name: 'update_status' },
			values: ['new', 'in_progress', 'reopened', 'closed'],
			source: 'FalconPy src/falconpy/alerts.py (322ff0a): update_alerts_v3, update_status "Allowed values: (new, in_progress, reopened, closed)"',
		}),
	),
];

const FALCONPY_IOC_TESTS = 'FalconPy tests/test_ioc.py (322ff0a), run against a live tenant: AllowedResponses = [200, 201, 400, 404, 429]';
const FALCONPY_QUARANTINE_TESTS = 'FalconPy tests/test_quarantine.py (322ff0a), run against a live tenant: AllowedResponses = [200, 201, 202, 203, 204, 400, 401, 404, 429]';

export const KNOWN_EXTRA_STATUSES: KnownExtraStatus[] = [
	{
		operationIds: ['*'],
		status: 401,
		model: 'MsaReplyMetaOnly',
		when: 'no, an expired or a revoked bearer token ("access denied, invalid bearer token")',
		source: 'reference notes falcon-api.md ("Errors seen: 401 access denied, invalid bearer token"); FalconPy tests/test_quarantine.py and tests/test_hosts.py (322ff0a) allow 401',
	},
	{
		operationIds: ['*'],
		status: 400,
		model: 'MsaReplyMetaOnly',
		when: 'a request the API refuses (invalid FQL, offset + limit past 10,000, a bad value) on an operation whose swagger declares no 400',
		source: `reference notes falcon-api.md ("400 validation messages"; "offset + limit must be less than or equal to 10000", gofalcon #101, falconpy #532); ${FALCONPY_IOC_TESTS}; FalconPy tests/test_quarantine.py allows 400`,
	},
	...[502, 503, 504].map(
		(status): KnownExtraStatus => ({
			operationIds: ['*'],
			status,
			model: null,
			when: 'a gateway or service failure: retry later; no body is promised',
			source: 'gofalcon falcon/api_client.go (14348e4): the round tripper retries every status >= 500 (its tests use 503); reference notes falcon-api.md ("retries 5xx")',
		}),
	),
	{
		operationIds: ['*'],
		status: 413,
		model: null,
		when: 'a request body larger than the API takes (a sample above 256 MB)',
		source: 'the swagger\'s UploadSampleV3 sample description ("Max file size: 256 MB") and ArchiveUploadV1 ("Max file size: 100 MB"); RFC 9110 section 15.5.14 (413 Content Too Large)',
	},
	{
		operationIds: ['oauth2AccessToken', 'oauth2RevokeToken'],
		status: 308,
		model: null,
		when: 'a token call to the wrong region: Location names the right one (autodiscovery)',
		source: 'reference notes falcon-api.md (Base URLs: "308 Permanent Redirect with Location: https://api.us-2.crowdstrike.com/oauth2/token"; falconpy #460, #1283); FalconPy src/falconpy/_util/_functions.py (322ff0a) follows redirects only for /oauth2/token and /oauth2/revoke',
	},
	{
		operationIds: ['indicator.get.device_count.v1'],
		status: 404,
		model: 'APIDeviceCountRespV1',
		when: 'no host has seen the indicator: resources [] and a 404 error',
		source: "demisto/content Packs/CrowdStrikeFalcon CrowdStrikeFalcon_test.py test_get_ioc_device_count_command_does_not_exist (404 {resources: [], errors: [{code: 404, message: 'md5:testmd5 - Resource Not Found'}]}) and PR #10326; sandbox/README.md",
	},
	{
		operationIds: ['DevicesCount'],
		status: 404,
		model: 'IocapiMsaReplyIOCDevicesCount',
		when: 'no host has seen the indicator: resources [] and a 404 error',
		source: 'demisto/content Packs/CrowdStrikeFalcon CrowdStrikeFalcon_test.py test_get_ioc_device_count_command_does_not_exist (GET /indicators/aggregates/devices-count/v1 answering 404) and PR #10326',
	},
	...(
		[
			['indicator.get.devices_ran_on.v1', 'APIDevicesRanOnRespV1'],
			['indicator.get.processes_ran_on.v1', 'APIProcessesRanOnRespV1'],
			['DevicesRanOn', 'IocapiMsaReplyDevicesRanOn'],
			['ProcessesRanOn', 'IocapiMsaReplyProcessesRanOn'],
		] as const
	).map(
		([operationId, model]): KnownExtraStatus => ({
			operationIds: [operationId],
			status: 404,
			model,
			when: 'nothing was seen for the indicator (or on the device): the 200 envelope with resources [] and a 404 error',
			source: "demisto/content CrowdStrikeFalcon_test.py test_get_proccesses_ran_on_command_not_exists ({resources: [], errors: [{code: 404, message: '… - Resource Not Found'}]}); the 404 of the device-count look-up above",
		}),
	),
	...(
		[
			['indicator.get.v1', 'APIIndicatorRespV1', FALCONPY_IOC_TESTS],
			['indicator.update.v1', 'APIIndicatorRespV1', FALCONPY_IOC_TESTS],
			['indicator.delete.v1', 'APIIndicatorQueryRespV1', FALCONPY_IOC_TESTS],
			['action.get.v1', 'APIActionRespV1', FALCONPY_IOC_TESTS],
			['GetQuarantineFiles', 'DomainMsaQfResponse', FALCONPY_QUARANTINE_TESTS],
			['UpdateQuarantinedDetectsByIds', 'MsaReplyMetaOnly', FALCONPY_QUARANTINE_TESTS],
			[
				'entities.processes',
				'ProcessesapiMsaProcessDetailResponse',
				'demisto/content CrowdStrikeFalcon_test.py test_get_process_details_command_not_exists ({resources: [], errors: [{code: 404, message: <id>}]})',
			],
		] as const
	).map(
		([operationId, model, source]): KnownExtraStatus => ({
			operationIds: [operationId],
			status: 404,
			model,
			when: 'none of the ids exists: the 200 envelope with resources [] (when the model has resources) and one 404 error per id',
			source,
		}),
	),
];

export const MODEL_QUIRKS: ModelQuirk[] = [
	{
		model: 'MsaAggregateQueryRequest',
		kind: 'notRequired',
		source: 'the swagger marks all 21 fields of msa.AggregateQueryRequest required, which no client sends; FalconPy src/falconpy/_payload/_generic.py aggregate_payload: "no parameters shown below are required"',
	},
	{
		model: 'DetectsapiAggregateAlertQueryRequest',
		kind: 'notRequired',
		source: 'the same shape as msa.AggregateQueryRequest (all 18 fields marked required); FalconPy aggregate_payload: "no parameters shown below are required"',
	},
	{
		model: 'APIIndicatorUpdateReqsV1',
		kind: 'oneOfRequired',
		fields: ['indicators', 'bulk_update'],
		source: 'the swagger marks both bulk_update and indicators required; FalconPy src/falconpy/_payload/_ioc.py indicator_update_payload sends indicators always and bulk_update only when given, and gofalcon sends "bulk_update": null when it is not set',
	},
	{
		model: 'QuickscanproMetaInfo',
		kind: 'embedded',
		fields: ['MetaInfo'],
		source: 'quickscanpro.MetaInfo declares a required property "MetaInfo" (msa.MetaInfo): Go struct embedding in the service, so query_time, trace_id, powered_by and pagination sit in meta itself, next to quota',
	},
];
