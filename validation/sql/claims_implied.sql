-- check: a claim is marked implied exactly when its words write no number
-- rule: claims.is_implied is true when text holds no digit and no number or size word (one ... ninety, hundred, thousand, million and their plurals, dozen, dozens, scores, few, handful, several, many), words split on everything but ASCII letters
-- why: an initial or implied figure must either quote the words that give its number or say it has none
WITH words AS (
    SELECT claim_id, is_implied, text,
           regexp_matches(text, '[0-9]')
           OR len(list_intersect(
                  list_transform(regexp_split_to_array(text, '[^A-Za-z]+'), w -> lower(w)),
                  ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
                   'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
                   'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
                   'thousand', 'million', 'hundreds', 'thousands', 'millions', 'dozen', 'dozens', 'scores',
                   'few', 'handful', 'several', 'many'])) > 0 AS numeral
    FROM claims
)
SELECT 'claims' AS table_name, format('claim_id={}', claim_id) AS row_key,
       format('is_implied is {} but the words "{}" {} a number', is_implied, text,
              CASE WHEN numeral THEN 'write' ELSE 'write no' END) AS evidence
FROM words
WHERE is_implied = numeral
