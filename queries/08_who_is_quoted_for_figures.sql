-- question: Which sources do the articles quote for casualty figures, and which figures do they give?
SELECT coalesce(attributed_to, '(unattributed)') AS source, quantity, status, value_low, value_high, text,
       article_id
FROM claims
WHERE quantity IN ('killed', 'injured')
ORDER BY source, quantity, article_id;
