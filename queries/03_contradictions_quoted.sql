-- question: Where do the sources disagree? Every contradiction with both statements quoted.
SELECT kind, field, event, article_a, published_a, value_a, quote_a, article_b, published_b, value_b, quote_b,
       resolution
FROM contradictions_quoted
ORDER BY kind, event, contradiction_id;
