-- strata:from-state sha256:c1958d12b92d3c39647d94fad8b788d8907ad89760d2261cc71f85339112108c
-- strata:to-state sha256:4e25529d45b937ff8ae86780fa40cbd0b9920ec10404270cdc364ca281cf1172
-- strata:no-transaction
-- atlas:txmode none

SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS public.idx_tasks_search_covering;
