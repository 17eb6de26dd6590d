import { at, check } from './gs1Refusals';

const GS = '\x1D';
const GTIN = '0109506000134352';

const tooLong = `${GTIN}10ABCDEFGHIJKLMNOPQRST21XYZ`;
const badChar = '(01)09506000134352(21)A#B';
const empty21 = '(01)09506000134352(21)';
const duplicate = '(01)09506000134352(21)A(10)L(21)B';
const twoGs = `${GTIN}10A${GS}${GS}21B`;
const longHri = '(01)09506000134352(21)ABCDEFGHIJKLMNOPQRSTU';

describe('parseGs1 refuses, naming what is wrong and where: any form', () => {
	check([
		['an empty value', '', 'is empty', 1],
		['only white space', ' \r\n', 'is empty', 1],
		[
			'text that is no GS1 form',
			'ABC123',
			'is not GS1 barcode data: expected an element string such as (01)…(21)…, raw scanner data starting with an AI or a symbology identifier such as ]d2, or a Digital Link starting with https://',
			1,
		],
		[
			'the symbology identifier of a non-GS1 DataMatrix',
			`]d1${GTIN}21A`,
			'starts with the symbology identifier ]d1, which is not one of a GS1 barcode (]C1, ]d2, ]Q3, ]e0)',
			1,
		],
		['a missing GTIN', '(21)ABC', 'ends without the GTIN (AI 01)', 8],
		['a missing serial', `  ${GTIN}10LOT `, 'ends without the serial (AI 21)', 24],
		[
			'one AI twice with different values',
			duplicate,
			'has AI (21) twice with different values, "A" and "B"',
			at(duplicate, '(21)', 2),
		],
	]);
});

describe('parseGs1 refuses raw scanner data', () => {
	check([
		[
			'a symbology identifier and nothing else',
			']d2',
			'holds no AI after the symbology identifier',
			4,
		],
		[
			'two digits no AI starts with',
			`${GTIN}55ABC`,
			'has the unknown AI "55…": no GS1 Application Identifier starts with 55',
			17,
		],
		[
			'an unknown AI in a family of 3-digit AIs',
			`${GTIN}239ABC`,
			'has the unknown AI (239): it is not a GS1 Application Identifier',
			17,
		],
		['a letter inside an AI', `${GTIN}23ABC`, 'has "23A" where a 3-digit AI should be', 17],
		[
			'an AI of a known family that is not assigned',
			`${GTIN}3106000123`,
			'has the unknown AI (3106): it is not a GS1 Application Identifier',
			17,
		],
		['data that stops inside an AI', `${GTIN}24`, 'ends inside the AI "24"', 17],
		[
			'a letter where the next AI should be',
			`${GTIN}X21A`,
			'has "X" after the previous element where an AI (digits) should be',
			17,
		],
		[
			'two group separators in a row',
			twoGs,
			'has "\\u001d" after the previous element where an AI (digits) should be',
			at(twoGs, GS, 2),
		],
		[
			'a variable-length field run into the next element (missing GS)',
			tooLong,
			'has the lot (AI 10) of 25 characters; it must be 1 to 20 characters (is a group separator, GS / ASCII 29, missing after it?)',
			at(tooLong, '21XYZ'),
		],
		[
			'a fixed-length field cut short by the end',
			'0109506000134',
			'has the GTIN (AI 01) of 11 characters; it must be exactly 14 digits',
			14,
		],
		[
			'a fixed-length field cut short by a GS',
			`010950600013${GS}21A`,
			'has the GTIN (AI 01) of 10 characters; it must be exactly 14 digits',
			13,
		],
		[
			'a letter in a numeric field',
			'0109506000134A5221A',
			'has the GTIN (AI 01) with "A", where only digits are allowed',
			14,
		],
		[
			'a wrong GTIN check digit',
			'010950600013435321A',
			'has the GTIN (AI 01) 09506000134353 with a wrong GS1 check digit: expected 2, got 3',
			16,
		],
		[
			'a wrong check digit of another key (a GLN)',
			`${GTIN}410950110153000121A`,
			'has AI (410) 9501101530001 with a wrong GS1 check digit: expected 3, got 1',
			32,
		],
		[
			'an expiry date that does not exist',
			`${GTIN}1727023121A`,
			'has the expiry date (AI 17) 270231, which is not a date: day 31 does not exist in 2027-02',
			19,
		],
		[
			'a month that does not exist',
			`${GTIN}1127130021A`,
			'has AI (11) 271300, which is not a date: month 13 does not exist',
			19,
		],
	]);
});

describe('parseGs1 refuses the human-readable form', () => {
	check([
		[
			'an opening parenthesis that holds no AI',
			'(1)09506000134352',
			'has no AI in parentheses, such as (01), where an element should start',
			1,
		],
		[
			'an unknown AI',
			'(01)09506000134352(23)X(21)A',
			'has the unknown AI (23): it is not a GS1 Application Identifier',
			19,
		],
		[
			'a fixed-length value one digit too long',
			'(01)095060001343520(21)A',
			'has the GTIN (AI 01) of 15 characters; it must be exactly 14 digits',
			19,
		],
		[
			'a serial longer than 20 characters',
			longHri,
			'has the serial (AI 21) of 21 characters; it must be 1 to 20 characters',
			at(longHri, 'U'),
		],
		[
			'a serial character outside character set 82',
			badChar,
			'has the serial (AI 21) with "#", where only characters of GS1 character set 82 are allowed',
			at(badChar, '#'),
		],
		['an AI without data', empty21, 'has the serial (AI 21) without data', 23],
		[
			'a character outside character set 39',
			'(01)09506000134352(21)A(8010)95011015a',
			'has AI (8010) with "a", where only characters of GS1 character set 39 are allowed',
			38,
		],
	]);
});
