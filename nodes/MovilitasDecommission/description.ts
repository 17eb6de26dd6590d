import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Decommissioning is a regulated act, and Destroyed cannot be undone. Try a workflow against the sandbox or the acceptance environment first.',
		name: 'notice',
		type: 'notice',
		default: '',
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
	},
	{
		displayName: 'Product Code Schema',
		name: 'productCodeSchema',
		type: 'options',
		options: [{ name: 'GTIN', value: 'GTIN' }],
		default: 'GTIN',
		description: 'The only schema the Manufacturer V2 API supports',
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		// Order follows the vendor documentation rather than the alphabet.
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{
				name: 'Destroy',
				value: 'destroy',
				description: 'EU FMD state Destroyed: the pack was destroyed; cannot be undone',
			},
			{
				name: 'Sample',
				value: 'sample',
				description: 'EU FMD state Sample: taken as a sample by an authority',
			},
			{
				name: 'Free Sample',
				value: 'free_sample',
				description: 'EU FMD state Free Sample: handed out as a free sample',
			},
			{
				name: 'Check Out',
				value: 'check_out',
				description:
					'EU FMD state Checked-out: leaves the supply chain (e.g. dispensed outside the EU system)',
			},
			{
				name: 'Lock',
				value: 'lock',
				description: 'EU FMD state Locked: blocked, e.g. pending investigation',
			},
			{
				name: 'Export',
				value: 'export',
				description: 'EU FMD state Exported: shipped outside the EU market',
			},
		],
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
		// 'None' first: it is the default and means "leave market_id out of the request".
		// eslint-disable-next-line n8n-nodes-base/node-param-options-type-unsorted-items
		options: [
			{ name: 'None', value: '' },
			{ name: 'EU', value: 'EU' },
			{ name: 'US', value: 'US' },
			{ name: 'CHN', value: 'CHN' },
			{ name: 'IDN', value: 'IDN' },
		],
		default: '',
		description: 'The market given when the product code was registered; None leaves it out',
	},
	{
		displayName: 'Serials Source',
		name: 'serialsSource',
		type: 'options',
		options: [
			{
				name: 'List',
				value: 'list',
				description: 'Serials typed in or given by an expression',
			},
			{
				name: 'From Input Items',
				value: 'field',
				description: 'A field of each input item holding one serial or an array of serials',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Serials',
		name: 'serials',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'SV902P05IYI4ARW5WWHJ, DI8U86IYQI9KS4G87WGI',
		description:
			'Serial numbers separated by commas, spaces or new lines, or an expression giving an array',
		displayOptions: { show: { serialsSource: ['list'] } },
	},
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
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 1000,
				description: 'Most serials sent in one request',
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
