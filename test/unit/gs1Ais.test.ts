import { readFileSync } from 'fs';
import { join } from 'path';
import {
	aiFormat,
	aiLengthByPrefix,
	knownAis,
	predefinedLength,
} from '../../nodes/MovilitasDecommission/gs1/ais';

/**
 * The parser's AI table against GS1's own Barcode Syntax Dictionary (release 2026-01-27, a copy
 * in fixtures/ with its licence header): the same AIs, the same specification of each, the same
 * "may be a Digital Link data attribute" flag, and figure 7.8.4-2 for the "*" flag.
 */
interface DictionaryEntry {
	ai: string;
	flags: string;
	spec: string;
}

function readDictionary(): DictionaryEntry[] {
	const text = readFileSync(join(__dirname, 'fixtures', 'gs1-syntax-dictionary.txt'), 'utf8');
	const entries: DictionaryEntry[] = [];
	for (const line of text.split('\n')) {
		const body = line.split('#')[0].trim();
		if (body === '') continue;
		const words = body.split(/\s+/);
		const range = words.shift()!;
		const flags = /^[*?]+$/.test(words[0]) ? words.shift()! : '';
		const specWords: string[] = [];
		for (const word of words) {
			if (word.includes('=') || word === 'dlpkey') break;
			specWords.push(word);
		}
		const [from, to = from] = range.split('-');
		for (let n = Number(from); n <= Number(to); n++) {
			entries.push({ ai: String(n).padStart(from.length, '0'), flags, spec: specWords.join(' ') });
		}
	}
	return entries;
}

const dictionary = readDictionary();

describe('GS1 AI table', () => {
	it('reads a dictionary of some hundreds of AIs (the fixture is not empty or cut short)', () => {
		expect(dictionary.length).toBeGreaterThan(500);
		expect(dictionary.map((e) => e.ai)).toEqual(
			expect.arrayContaining(['00', '01', '21', '8200', '99']),
		);
	});

	it('knows exactly the AIs of the dictionary', () => {
		expect([...knownAis()].sort()).toEqual(dictionary.map((e) => e.ai).sort());
	});

	it.each(dictionary.map((e) => [e.ai, e] as const))(
		'AI (%s) has the specification and flags of the dictionary',
		(ai, entry) => {
			const format = aiFormat(ai)!;
			expect(format.spec).toBe(entry.spec);
			expect(format.dlAttribute).toBe(entry.flags.includes('?'));
			const fixedByFigure = predefinedLength(ai) !== undefined;
			expect(fixedByFigure).toBe(entry.flags.includes('*'));
			if (fixedByFigure) expect(format.maxLength).toBe(predefinedLength(ai));
		},
	);

	it('gives every AI sharing two first digits the same length, so raw data can be split', () => {
		for (const ai of knownAis()) expect(aiLengthByPrefix(ai.slice(0, 2))).toBe(ai.length);
	});

	it.each([
		['00', 18],
		['01', 14],
		['02', 14],
		['03', 14],
		['04', 16],
		['11', 6],
		['17', 6],
		['19', 6],
		['20', 2],
		['3103', 6],
		['3695', 6],
		['410', 13],
		['417', 13],
	])('figure 7.8.4-2 gives AI (%s) %i data characters', (ai, length) => {
		expect(predefinedLength(ai)).toBe(length);
	});

	it.each(['10', '21', '22', '23', '235', '240', '37', '400', '422', '7003', '8200', '90', '99'])(
		'AI (%s) is not of predefined length, so a GS must end it',
		(ai) => {
			expect(predefinedLength(ai)).toBeUndefined();
		},
	);

	it('reads component lengths: fixed, variable and optional', () => {
		expect(aiFormat('01')!.components).toEqual([
			{ set: 'N', min: 14, max: 14, optional: false, checks: ['csum', 'gcppos2'] },
		]);
		expect(aiFormat('21')!.components).toEqual([
			{ set: 'X', min: 1, max: 20, optional: false, checks: [] },
		]);
		expect(aiFormat('253')!.components[1]).toEqual({
			set: 'X',
			min: 1,
			max: 17,
			optional: true,
			checks: [],
		});
		expect(aiFormat('253')!.maxLength).toBe(30);
	});
});
