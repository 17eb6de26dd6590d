/**
 * The GS1 Application Identifiers (AIs) this parser knows, with the format of each.
 *
 * Source: the GS1 Barcode Syntax Dictionary (gs1-syntax-dictionary.txt, maintained by GS1 AISBL,
 * Apache License 2.0), which restates the AI table of the GS1 General Specifications. Each row
 * is one format followed by the AIs that share it. A format is the dictionary's specification:
 * components "N" (digits), "X" (GS1 character set 82), "Y" (character set 39), "Z" (character
 * set 64); "N6" is exactly 6, "X..20" is 1 to 20, "[...]" is an optional component; after a comma
 * come the dictionary's checks, of which fields.ts applies csum, yymmd0, yymmdd and yyyymmdd.
 * A leading "?" marks an AI that a GS1 Digital Link may carry as a query parameter.
 * test/unit/gs1Ais.test.ts checks this table against a copy of the dictionary.
 */
const FORMATS: ReadonlyArray<readonly [string, string]> = [
	['?N18,csum,gcppos2', '00'],
	['?N14,csum,gcppos2', '01 02'],
	['N14,csum,gcppos2', '03'],
	['?X..20', '10 243 420 4318 7020 7021 7022 710 711 712 713 714 715 716 717 7240 8002 8012'],
	['?N6,yymmd0', '11 12 13 15 16 17'],
	['?N2', '20'],
	['X..20', '21 22 254'],
	['X..28', '235'],
	['?X..30', '240 241 250 251 400 403 4308 4319 7002 90'],
	['?N..6', '242'],
	['?N13,csum,gcppos1 [X..17]', '253'],
	['?N13,csum,gcppos1 [N..12]', '255'],
	['?N..8', '30 37'],
	['?N6', `${measures('310-316 320-329 330-337 340-349 350-357 360-369 395')} 8005`],
	['?N..15', '3900-3909 3920-3929'],
	['?N3,iso4217 N..15', '3910-3919 3930-3939'],
	['?N4', '3940-3943 8111'],
	['?X..30,gcppos1', '401 7023 8004'],
	['?N17,csum,gcppos1', '402'],
	['?N13,csum,gcppos1', '410-417'],
	['?N3,iso3166 X..9', '421'],
	['?N3,iso3166', '422 424 426'],
	['?N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166', '423 425'],
	['?X..3', '427 7008'],
	['?X..35,pcenc', '4300 4301 4310 4311 4320'],
	['?X..70,pcenc', '4302-4306 4312-4316 7257'],
	['?X2,iso3166alpha2', '4307 4317'],
	['?N10,latitude N10,longitude', '4309'],
	['?N1,yesno', '4321 4322 4323'],
	['?N6,yymmd0 N4,hhmi', '4324 4325'],
	['?N6,yymmdd', '4326 7006'],
	['?N6 [X1],hyphen', '4330-4333'],
	['?N13', '7001'],
	['?N6,yymmdd N4,hhmi', '7003'],
	['?N..4', '7004'],
	['?X..12', '7005'],
	['?N6,yymmdd [N6],yymmdd', '7007'],
	['?X..10', '7009 7255'],
	['?X..2', '7010'],
	['?N6,yymmdd [N4],hhmi', '7011'],
	['?N3,iso3166999 X..27', '7030-7039'],
	['N1 X1 X1 X1,importeridx', '7040'],
	['X..4,packagetype', '7041'],
	['?X2 X..28', '7230-7239'],
	['?N2,mediatype', '7241'],
	['?X..25', '7242'],
	['?N8,yyyymmdd', '7250'],
	['?N8,yyyymmdd N4,hhmi', '7251'],
	['?N1,iso5218', '7252'],
	['?X..40,pcenc', '7253 7254 7259'],
	['?X..90,pcenc', '7256'],
	['?X3,posinseqslash', '7258'],
	['?N4,nonzero N5,nonzero N3,nonzero N1,winding N1', '8001'],
	['?N1,zero N13,csum,gcppos1 [X..16]', '8003'],
	['?N14,csum,gcppos2 N4,pieceoftotal', '8006 8026'],
	['?X..34,iban', '8007'],
	['?N6,yymmdd N2,hh [N2],mi [N2],ss', '8008'],
	['?X..50', '8009'],
	['?Y..30,gcppos1', '8010'],
	['N..12,nozeroprefix', '8011'],
	['?X..25,csumalpha,gcppos1', '8013'],
	['X..25,csumalpha,gcppos1,hasnondigit', '8014'],
	['?N18,csum,gcppos1', '8017 8018'],
	['N..10', '8019'],
	['X..25', '8020'],
	['?Z..90', '8030'],
	['N15', '8040 8041'],
	['N32', '8042'],
	['N18 [N..2]', '8043'],
	['?X..70,couponcode', '8110'],
	['?X..70,couponposoffer', '8112'],
	['X..70', '8200'],
	['?X..90', '91-99'],
];

/** The measurement AIs come in families of six: "310-312" means 3100-3105, 3110-3115, 3120-3125. */
function measures(families: string): string {
	return expand(families)
		.map((family) => `${family}0-${family}5`)
		.join(' ');
}

/** "410-413 422" → ['410', '411', '412', '413', '422'] (a range keeps the width of its ends). */
function expand(list: string): string[] {
	const out: string[] = [];
	for (const token of list.split(' ')) {
		const [from, to = from] = token.split('-');
		for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from.length, '0'));
	}
	return out;
}

export type CharSet = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. "N3,iso4217" or "[X..17]". */
export interface Component {
	set: CharSet;
	min: number;
	max: number;
	optional: boolean;
	checks: string[];
}

export interface AiFormat {
	ai: string;
	/** The dictionary's specification text, e.g. "N13,csum,gcppos1 [X..17]". */
	spec: string;
	components: Component[];
	/** The most characters the data field may hold. */
	maxLength: number;
	/** Permitted as a query parameter (data attribute) of a GS1 Digital Link. */
	dlAttribute: boolean;
}

function parseComponent(text: string): Component {
	const optional = text.startsWith('[');
	const [type, ...checks] = text.replace(/[[\]]/g, '').split(',');
	const match = /^([NXYZ])(\.\.)?(\d+)$/.exec(type);
	if (!match) throw new Error(`Bad component "${text}" in the GS1 AI table`);
	const length = Number(match[3]);
	return {
		set: match[1] as CharSet,
		min: match[2] ? 1 : length,
		max: length,
		optional,
		checks,
	};
}

const TABLE = new Map<string, AiFormat>();
for (const [format, ais] of FORMATS) {
	const dlAttribute = format.startsWith('?');
	const spec = format.replace(/^\?/, '');
	const components = spec.split(' ').map(parseComponent);
	const maxLength = components.reduce((sum, c) => sum + c.max, 0);
	for (const ai of expand(ais)) TABLE.set(ai, { ai, spec, components, maxLength, dlAttribute });
}

/**
 * GS1 General Specifications, figure 7.8.4-2 "Element strings with predefined length using
 * GS1 Application Identifiers": by the first two digits of the AI, how many data characters
 * follow the AI. These element strings need no FNC1 (GS) separator after them. The former AI
 * (23) is no longer in that figure; 04, 14, 18 and 19 are in it but have no AI assigned yet.
 */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
	'00': 18, '01': 14, '02': 14, '03': 14, '04': 16,
	'11': 6, '12': 6, '13': 6, '14': 6, '15': 6, '16': 6, '17': 6, '18': 6, '19': 6, '20': 2,
	'31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
}; // prettier-ignore

/** How many digits the AIs starting with these two digits have (every GS1 AI has 2 to 4). */
const AI_LENGTH_BY_PREFIX = new Map<string, number>();
for (const ai of TABLE.keys()) AI_LENGTH_BY_PREFIX.set(ai.slice(0, 2), ai.length);

export function aiFormat(ai: string): AiFormat | undefined {
	return TABLE.get(ai);
}

/** The AI's length, judged by its first two digits; undefined if no AI starts with them. */
export function aiLengthByPrefix(firstTwoDigits: string): number | undefined {
	return AI_LENGTH_BY_PREFIX.get(firstTwoDigits);
}

/** The predefined data length of the AI (figure 7.8.4-2), or undefined if it needs a separator. */
export function predefinedLength(ai: string): number | undefined {
	return PREDEFINED_LENGTH[ai.slice(0, 2)];
}

export function knownAis(): string[] {
	return [...TABLE.keys()];
}
