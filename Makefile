# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test setup build vectors bench bench-service bench-replica

setup:
	@bash scripts/setup.sh

build: setup
	swift build

demo: build
	@bash scripts/demo.sh .build/debug/passnum

test: setup
	swift build --build-tests
	PASSNUM_MAKE_TEST=1 bash scripts/with-postgres.sh swift test --skip-build
	bash scripts/test-postgres-instances.sh
	bash scripts/test-bindings.sh
	bash scripts/fuzz.sh 60
	bash scripts/test-web.sh
	bash scripts/schemathesis.sh 40
	bash scripts/soak.sh 60

vectors: setup
	swift run passnum-vectors Vectors

bench: setup
	swift build -c release
	.build/release/passnum bench verify
	.build/release/passnum bench print

# The spent-list service under load (wrk, 64 connections): durable redemptions/s, p50/p99, CPU per
# redemption beside the HTTP floor, and the ratio to the raw single-core verify rate (same run).
# DB=postgres: on PostgreSQL, one and three instances, beside pgbench's bare insert (same run).
bench-service: setup
	swift build -c release
	scripts/bench-service.sh --db $(or $(DB),sqlite) 64 20 400000

# The counter's offline replica: `replica pull` of 100,000 new entries, size for 1,000,000.
bench-replica: setup
	swift build -c release
	scripts/bench-replica.sh 100000 1000000
