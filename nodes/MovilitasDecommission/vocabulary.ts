/**
 * The values the Manufacturer V2 API accepts, and the node's own choices, each listed once:
 * the parameter options in description.ts and the validation in validation.ts both read them.
 * Every list is sorted by name, as n8n shows options.
 */
export interface Choice<V extends string = string> {
	name: string;
	value: V;
	description?: string;
}

function values<V extends string>(choices: ReadonlyArray<Choice<V>>): V[] {
	return choices.map((choice) => choice.value);
}

/** The decommission reasons, with the EU FMD state each one leads to. */
export const REASON_CHOICES = [
	{
		name: 'Check Out',
		value: 'check_out',
		description:
			'EU FMD state Checked-out: leaves the supply chain (e.g. dispensed outside the EU system)',
	},
	{
		name: 'Destroy',
		value: 'destroy',
		description: 'EU FMD state Destroyed: the pack was destroyed; cannot be undone',
	},
	{
		name: 'Export',
		value: 'export',
		description: 'EU FMD state Exported: shipped outside the EU market',
	},
	{
		name: 'Free Sample',
		value: 'free_sample',
		description: 'EU FMD state Free Sample: handed out as a free sample',
	},
	{
		name: 'Lock',
		value: 'lock',
		description: 'EU FMD state Locked: blocked, e.g. pending investigation',
	},
	{
		name: 'Sample',
		value: 'sample',
		description: 'EU FMD state Sample: taken as a sample by an authority',
	},
] as const satisfies ReadonlyArray<Choice>;
export const REASONS = values(REASON_CHOICES);
export type Reason = (typeof REASON_CHOICES)[number]['value'];

/** Markets; 'None' (the empty value) leaves market_id out of the request. */
export const MARKET_CHOICES = [
	{ name: 'CHN', value: 'CHN' },
	{ name: 'EU', value: 'EU' },
	{ name: 'IDN', value: 'IDN' },
	{ name: 'None', value: '' },
	{ name: 'US', value: 'US' },
] as const satisfies ReadonlyArray<Choice>;
export const MARKETS = values(MARKET_CHOICES);
export type Market = (typeof MARKET_CHOICES)[number]['value'];

/** The only product code schema the API supports. */
export const SCHEMA_CHOICES = [{ name: 'GTIN', value: 'GTIN' }] as const;
export const SCHEMAS = values(SCHEMA_CHOICES);

export const SOURCE_CHOICES = [
	{
		name: 'From Input Items',
		value: 'field',
		description: 'A field of each input item holding one serial or an array of serials',
	},
	{
		name: 'GS1 Barcode',
		value: 'barcode',
		description:
			'A field of each input item holding GS1 barcode data: product and serial from AI (01) and (21)',
	},
	{
		name: 'List',
		value: 'list',
		description: 'Serials typed in or given by an expression',
	},
] as const satisfies ReadonlyArray<Choice>;
export const SOURCES = values(SOURCE_CHOICES);
export type Source = (typeof SOURCE_CHOICES)[number]['value'];

/** Where text is split into serials: nowhere unless the user chooses a separator. */
export const SEPARATOR_CHOICES = [
	{ name: 'Comma', value: 'comma', description: 'Split text at commas' },
	{ name: 'Line Break', value: 'lineBreak', description: 'One serial per line' },
	{ name: 'None', value: 'none', description: 'A text is one serial; an array is a list' },
	{ name: 'Semicolon', value: 'semicolon', description: 'Split text at semicolons' },
	{
		name: 'Whitespace',
		value: 'whitespace',
		description: 'Split text at spaces, tabs and line breaks',
	},
] as const satisfies ReadonlyArray<Choice>;
export const SEPARATORS = values(SEPARATOR_CHOICES);
export type Separator = (typeof SEPARATOR_CHOICES)[number]['value'];

/** A comma and a semicolon are legal inside a serial (GS1 CSET 82): split only when asked. */
export const SEPARATOR_PATTERNS: Record<Exclude<Separator, 'none'>, RegExp> = {
	comma: /,/,
	lineBreak: /\r\n|\r|\n/,
	semicolon: /;/,
	whitespace: /[\s\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]+/,
};

/** Bounds of the numeric options. */
export const LIMITS = {
	batchSize: { min: 1, max: 10000, default: 1000 },
	requestTimeout: { min: 1, max: 600, default: 120 },
	requestsInFlight: { min: 1, max: 8, default: 1 },
} as const;
