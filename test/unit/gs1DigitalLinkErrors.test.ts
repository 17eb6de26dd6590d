import { at, check } from './gs1Refusals';

const pct = 'https://id.gs1.org/01/09506000134352/21/A%23B';
const plus = 'https://id.gs1.org/01/09506000134352/21/A?91=A+B';
const order = 'https://id.gs1.org/01/09506000134352/21/A/10/B';
const twice = 'https://id.gs1.org/01/09506000134352/21/A?17=270101&17=270102';

describe('parseGs1 refuses a Digital Link', () => {
	check([
		[
			'without a path',
			'https://id.gs1.org',
			'is a web address without a host and a path holding /01/ and the GTIN',
			1,
		],
		[
			'without /01/',
			'https://example.com/gtin/09506000134352/21/A',
			'is a Digital Link without a GTIN: its path needs /01/ and the GTIN',
			20,
		],
		[
			'with a GTIN of a length no GTIN has',
			'https://example.com/01/95060001343/21/A',
			'has "95060001343" after /01/, where a GTIN of 8, 12, 13 or 14 digits should be',
			24,
		],
		[
			'with a wrong check digit in a GTIN written without its leading zero',
			'https://example.com/01/9506000134353/21/A',
			'has the GTIN (AI 01) 09506000134353 with a wrong GS1 check digit: expected 2, got 3',
			36,
		],
		[
			'with the key qualifiers out of order',
			order,
			'has AI (10) out of order: the path takes 22, 10, 21 in this order',
			at(order, '/10/') + 1,
		],
		[
			'with a data attribute in the path',
			'https://id.gs1.org/01/09506000134352/17/271231/21/A',
			'has AI (17) in the path after the GTIN, where only the AIs 22, 10 and 21 (in that order) or 235 may stand; data attributes go in the query, such as ?17=YYMMDD',
			38,
		],
		[
			'with the serial in the query',
			'https://id.gs1.org/01/09506000134352?21=A',
			'has AI (21) as a query parameter; it may only stand in the path',
			38,
		],
		[
			'with an AI that may not be a data attribute',
			'https://id.gs1.org/01/09506000134352/21/A?8011=1',
			'has AI (8011) as a query parameter; it may only stand in the path',
			43,
		],
		[
			'with an unknown AI in the query',
			'https://id.gs1.org/01/09506000134352/21/A?linkType=all&89=X',
			'has the unknown AI (89) as a query parameter',
			56,
		],
		[
			'with a broken percent-encoding',
			'https://id.gs1.org/01/09506000134352/21/A%ZZ',
			'has a broken percent-encoding in the value of AI (21)',
			41,
		],
		[
			'with a percent-encoded character outside character set 82',
			pct,
			'has the serial (AI 21) with "#", where only characters of GS1 character set 82 are allowed',
			at(pct, '%23'),
		],
		[
			'with a "+" (a space) in a query value',
			plus,
			'has AI (91) with " ", where only characters of GS1 character set 82 are allowed',
			at(plus, '+'),
		],
		[
			'with a path ending in "/"',
			'https://id.gs1.org/01/09506000134352/21/A/',
			'has a path that ends with "/"',
			42,
		],
		[
			'with an empty query value',
			'https://id.gs1.org/01/09506000134352/21/A?17=',
			'has the expiry date (AI 17) without data',
			46,
		],
		[
			'with one AI twice in the query',
			twice,
			'has AI (17) twice with different values, "270101" and "270102"',
			at(twice, '17=', 2),
		],
	]);
});
