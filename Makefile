# The two commands of the README: `make demo` and `make test`.
.PHONY: demo test setup build vectors bench

setup:
	@bash scripts/setup.sh

build: setup
	swift build

demo: build
	@bash scripts/demo.sh .build/debug/passnum

test: setup
	swift build --build-tests
	swift test --skip-build

vectors: setup
	swift run passnum-vectors Vectors

bench: setup
	swift build -c release
	.build/release/passnum bench verify
	.build/release/passnum bench print
