import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { compareNames, controllers, namesShown, readmeTableNames, views } from './expected';

const properties: INodeProperties[] = [
	{ displayName: 'Careful: this cannot be undone', name: 'notice', type: 'notice', default: '' },
	{ displayName: 'Product Code', name: 'productCode', type: 'string', default: '' },
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'List', value: 'list' },
			{ name: 'From Input Items', value: 'field' },
			{ name: 'Barcode', value: 'barcode' },
		],
		default: 'list',
	},
	{
		displayName: 'Serials',
		name: 'serials',
		type: 'string',
		default: '',
		displayOptions: { show: { source: ['list'] } },
	},
	{
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: 'serial',
		displayOptions: { show: { source: ['field', 'barcode'] } },
	},
	{
		displayName: 'Separator',
		name: 'separator',
		type: 'options',
		options: [{ name: 'None', value: 'none' }],
		default: 'none',
		displayOptions: { hide: { source: ['barcode'] } },
	},
	{ displayName: 'Secret', name: 'secret', type: 'hidden', default: '' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1000 },
			{ displayName: 'Dry Run', name: 'dryRun', type: 'boolean', default: false },
		],
	},
];

const description = { version: 1, properties } as unknown as INodeTypeDescription;
const shownIn = (index: number) =>
	views(properties, description)[index].visible.map((p) => p.displayName);

describe('expected parameters from a node description', () => {
	it('finds the parameters that show or hide others', () => {
		expect(controllers(properties).map((p) => p.name)).toEqual(['source']);
	});

	it('gives the defaults first, then one view per other value, as displayOptions say', () => {
		const all = views(properties, description);
		expect(all.map((v) => v.choice?.option.value)).toEqual([undefined, 'field', 'barcode']);
		expect(shownIn(0)).toEqual([
			'Careful: this cannot be undone',
			'Product Code',
			'Source',
			'Serials',
			'Separator',
			'Options',
		]);
		expect(shownIn(1)).toEqual(expect.arrayContaining(['Field', 'Separator']));
		expect(shownIn(1)).not.toContain('Serials');
		expect(shownIn(2)).toEqual(expect.arrayContaining(['Field']));
		expect(shownIn(2)).not.toContain('Separator');
		expect(shownIn(2)).not.toContain('Secret');
	});

	it('names every shown parameter and collection option, without notices', () => {
		const names = namesShown(views(properties, description));
		expect([...names].sort()).toEqual(
			[
				'Product Code',
				'Source',
				'Serials',
				'Field',
				'Separator',
				'Options',
				'Options → Batch Size',
				'Options → Dry Run',
			].sort(),
		);
	});
});

describe('the README parameter table', () => {
	const readme = [
		'# Package',
		'## The node',
		'Some text.',
		'',
		'| Parameter | Description |',
		'|---|---|',
		'| **Product Code** | GTIN, e.g. `123` |',
		'| Source, Field | where the serials come from |',
		'| Options -> Batch Size | most per request |',
		'| Options → Dry Run | nothing sent |',
		'',
		'| Other | table |',
		'|---|---|',
		'| Not | this one |',
		'## Next',
	].join('\n');

	it('reads the first column of the first table under the heading', () => {
		expect(readmeTableNames(readme, '## The node')).toEqual([
			'Product Code',
			'Source',
			'Field',
			'Options → Batch Size',
			'Options → Dry Run',
		]);
	});

	it('fails clearly without the heading or the table', () => {
		expect(() => readmeTableNames(readme, '## Missing')).toThrow('no heading "## Missing"');
		expect(() => readmeTableNames('## Empty\ntext\n## Next', '## Empty')).toThrow(
			'no parameter table',
		);
	});

	it('compares both ways; a row "Options → X" names the collection too', () => {
		const shown = namesShown(views(properties, description));
		const compared = compareNames(
			['Product Code', 'Source', 'Field', 'Options → Batch Size', 'Token Type'],
			shown,
		);
		expect(compared.notInNode).toEqual(['Token Type']);
		expect(compared.notInReadme.sort()).toEqual(['Options → Dry Run', 'Separator', 'Serials']);
	});
});
