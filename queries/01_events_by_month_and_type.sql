-- question: How many events of each type and mode happened each month?
-- Months come from date_start: the earliest day the sources allow. Events the sources date no closer than
-- a year (an undated designation: "has designated X") are left out: their month is not known.
SELECT strftime(date_start, '%Y-%m') AS month, event_type, coalesce(event_mode, '') AS mode, count(*) AS events,
       count(*) FILTER (WHERE is_aggregate) AS of_which_series
FROM events
WHERE date_end - date_start <= 366
GROUP BY ALL
ORDER BY month, events DESC, event_type, mode;
