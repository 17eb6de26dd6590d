import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Choice } from './vocabulary';
import {
	LIMITS,
	MARKET_CHOICES,
	REASON_CHOICES,
	SCHEMA_CHOICES,
	SEPARATOR_CHOICES,
	SOURCE_CHOICES,
} from './vocabulary';

/** Option lists come from the vocabulary, so the node offers exactly what it validates. */
function options(choices: ReadonlyArray<Choice>): INodePropertyOptions[] {
	return choices.map(({ name, value, description }) =>
		description ? { name, value, description } : { name, value },
	);
}

// The linter recognises a default only as a literal or a plain name, so the limits get names.
const BATCH_SIZE_DEFAULT = LIMITS.batchSize.default;
const REQUEST_TIMEOUT_DEFAULT = LIMITS.requestTimeout.default;
const REQUESTS_IN_FLIGHT_DEFAULT = LIMITS.requestsInFlight.default;

const separator = (source: 'list' | 'field', fallback: 'lineBreak' | 'none'): INodeProperties => ({
	displayName: 'Serials Separator',
	name: 'serialsSeparator',
	type: 'options',
	options: options(SEPARATOR_CHOICES),
	default: fallback,
	description:
		'Where a text is cut into several serials. A comma, semicolon or quote can be part of a real serial, so None keeps a text whole; an array is always a list.',
	displayOptions: { show: { serialsSource: [source] } },
});

export const properties: INodeProperties[] = [
	{
		displayName:
			'Decommissioning is a regulated act, and Destroyed cannot be undone. Try a workflow with Dry Run, against the sandbox or the acceptance environment first.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Serials Source',
		name: 'serialsSource',
		type: 'options',
		options: options(SOURCE_CHOICES),
		default: 'list',
	},
	{
		displayName: 'Product Code (GTIN)',
		name: 'productCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: '09506000134352',
		description:
			'GTIN-8, -12, -13 or -14 of the product; sent as a 14-digit GTIN after its GS1 check digit is verified',
		displayOptions: { hide: { serialsSource: ['barcode'] } },
	},
	{
		displayName: 'Product Code Schema',
		name: 'productCodeSchema',
		type: 'options',
		options: options(SCHEMA_CHOICES),
		default: 'GTIN',
		description: 'The only schema the Manufacturer V2 API supports',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		options: options(REASON_CHOICES),
		default: 'destroy',
		required: true,
	},
	{
		displayName: 'Send to Market',
		name: 'sendToMarket',
		type: 'boolean',
		default: false,
		required: true,
		description: 'Whether Movilitas reports the decommission to the market (e.g. the EU hub)',
	},
	{
		displayName: 'Market',
		name: 'marketId',
		type: 'options',
		options: options(MARKET_CHOICES),
		default: '',
		description: 'The market given when the product code was registered; None leaves it out',
	},
	{
		displayName: 'Serials',
		name: 'serials',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'SV902P05IYI4ARW5WWHJ',
		description:
			'Serial numbers, one per line (see Serials Separator), or an expression giving an array',
		displayOptions: { show: { serialsSource: ['list'] } },
	},
	separator('list', 'lineBreak'),
	{
		displayName: 'Serials Field',
		name: 'serialsField',
		type: 'string',
		default: 'serial',
		required: true,
		placeholder: 'serials',
		description:
			'Name of the input field holding one serial or an array of serials; dots reach nested fields',
		displayOptions: { show: { serialsSource: ['field'] } },
	},
	separator('field', 'none'),
	{
		displayName: 'Barcode Field',
		name: 'barcodeField',
		type: 'string',
		default: 'barcode',
		required: true,
		placeholder: 'barcode',
		description:
			'Name of the input field holding GS1 barcode data (element string, raw scan or Digital Link URI), one or an array; dots reach nested fields',
		displayOptions: { show: { serialsSource: ['barcode'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: LIMITS.batchSize.min, maxValue: LIMITS.batchSize.max },
				default: BATCH_SIZE_DEFAULT,
				description: 'Most serials sent in one request',
			},
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only validate and batch the serials: nothing is sent, not even the token request, and every serial comes out as Validated with the request it would have gone in',
			},
			{
				displayName: 'Include Request Settings',
				name: 'includeSettings',
				type: 'boolean',
				default: false,
				description:
					'Whether each output item also gives the reason, market and send to market its serial was sent with. They are the settings of this node, so they are left out by default to keep large runs small; a dry run always gives them.',
			},
			{
				displayName: 'Request Timeout',
				name: 'requestTimeout',
				type: 'number',
				typeOptions: { minValue: LIMITS.requestTimeout.min, maxValue: LIMITS.requestTimeout.max },
				default: REQUEST_TIMEOUT_DEFAULT,
				description:
					'Seconds to wait for an answer. A request without an answer in time is never resent: its serials come out as Unknown.',
			},
			{
				displayName: 'Requests in Flight',
				name: 'requestsInFlight',
				type: 'number',
				typeOptions: {
					minValue: LIMITS.requestsInFlight.min,
					maxValue: LIMITS.requestsInFlight.max,
				},
				default: REQUESTS_IN_FLIGHT_DEFAULT,
				description:
					'How many requests may wait for Movilitas at once. Keep 1 to send one request at a time, in order, so that a failure stops the run with the fewest serials in doubt; more is faster when Movilitas is slow.',
			},
			{
				displayName: 'Skip Check Digit Validation',
				name: 'skipCheckDigitValidation',
				type: 'boolean',
				default: false,
				description: 'Whether to accept a GTIN whose GS1 check digit is wrong, e.g. a test product',
			},
		],
	},
];
