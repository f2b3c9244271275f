// swift-tools-version:6.1
import PackageDescription

/// A package on GitHub, named "owner/name".
func github(_ repository: String, from version: Version) -> Package.Dependency {
    .package(url: "https://github.com/\(repository)", from: version)
}

/// A system library found through pkg-config, installed from Debian's -dev package.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

/// Other packages' products, named once: several targets use each of them.
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let postgresNIO = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")

let package = Package(
    name: "passnum",
    platforms: [.macOS(.v14)],
    products: [
        // The partner library: offline verification only, libsodium only.
        .library(name: "PassVerifier", targets: ["PassVerifier"]),
        // The same verifier for C and any language with a C FFI: libpassverify, include/passverify.h.
        .library(name: "passverify", type: .dynamic, targets: ["PassVerifyExports"]),
        .executable(name: "passnum", targets: ["passnum"]),
    ],
    dependencies: [
        github("apple/swift-argument-parser", from: "1.5.0"),
        github("groue/GRDB.swift", from: "7.0.0"),
        github("apple/swift-crypto", from: "3.0.0"),
        github("hummingbird-project/hummingbird", from: "2.0.0"),
        github("apple/swift-log", from: "1.5.0"),
        github("swift-server/swift-prometheus", from: "2.0.0"),
        // The spent list on PostgreSQL, for several service instances (PostgresSpentList only).
        github("vapor/postgres-nio", from: "1.33.0"),
        // The counter's HTTP client (it trusts a private CA from a file: --ca-file), and the
        // live-server and end-to-end tests' client.
        github("swift-server/async-http-client", from: "1.20.0"),
        // Already under Hummingbird and AsyncHTTPClient; named for the products used directly:
        // NIOHTTP1's parser errors (a bad chunk size is a 400), the HTTP parts the connection
        // guards read (NIOHTTPTypes), the counter's CA file (NIOSSL).
        github("apple/swift-nio", from: "2.0.0"), github("apple/swift-nio-extras", from: "1.20.0"), github("apple/swift-nio-ssl", from: "2.0.0"),
        // Tests only: reads openapi.yaml to check the running service against it.
        github("jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        systemLibrary("CSodium", pkgConfig: "libsodium", apt: "libsodium-dev"),
        systemLibrary("CQRencode", pkgConfig: "libqrencode", apt: "libqrencode-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CZbar", pkgConfig: "zbar", apt: "libzbar-dev"),
        systemLibrary("CStb", pkgConfig: "stb", apt: "libstb-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),

        .target(name: "PassVerifier", dependencies: ["CSodium"]),
        // The C API: the header and reason names in C, the functions in Swift (@_cdecl).
        .target(name: "CPassVerify"),
        .target(name: "PassVerifyExports", dependencies: ["PassVerifier", "CPassVerify"]),
        // What every SQLite file of the project needs: one opener (WAL, synchronous=FULL, read-only
        // opens that never create a file), migrations that other processes may race, and the
        // pass's fields as database values; online backups and their restoration.
        .target(name: "SharedSQLite", dependencies: ["PassVerifier", "SafeOutput", grdb]),
        // The programme's conventions once: Paris time, day parsing, euros, French typography. Foundation only.
        .target(name: "Conventions"),
        // The one atomic output: temporary name, fsync, rename; regular files only.
        .target(name: "SafeOutput", dependencies: ["PassVerifier"]),
        .target(name: "PassIssuer", dependencies: ["PassVerifier", "CSodium", "SharedSQLite", "SafeOutput", "Conventions", grdb]),
        .target(
            name: "Counter",
            dependencies: [
                "PassVerifier", "SpentListAPI", "CZbar", "CStb", "SharedSQLite", grdb, asyncHTTPClient, nioHTTP1,
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Bar charts once: the model, its layout, and SVG text for the web (CarnetPrinter draws
        // the same layout with cairo).
        .target(name: "Charts", dependencies: ["Conventions", "SpentListAPI"]),
        // QR codes, carnet layout, PDF and PNG output, statements, charts and the evaluation report on paper.
        .target(name: "CarnetPrinter", dependencies: ["PassVerifier", "SafeOutput", "Conventions", "Charts", "CQRencode", "CCairo", "CZlib"]),
        // The HTTP contract once: Codable request/response types, reason codes, times. Foundation only.
        .target(name: "SpentListAPI"),
        // The spent list: store protocol, SQLite store, group commit, settlement reports. No HTTP.
        .target(name: "SpentList", dependencies: ["PassVerifier", "CSodium", "SharedSQLite", "SpentListAPI", "Conventions", grdb]),
        // The same store on PostgreSQL (postgres-nio), for several service instances on one database.
        .target(name: "PostgresSpentList", dependencies: ["SpentList", "SpentListAPI", "PassVerifier", "SharedSQLite", postgresNIO, logging]),
        // Tests only: the SQLite and PostgreSQL stores every store and service test runs on.
        .target(name: "TestStores", dependencies: ["SpentList", "PostgresSpentList", "SharedSQLite", "PassIssuer", "PassVerifier", "Conventions", postgresNIO, logging]),
        // The HTTP service on a SpentList store; receipts are signed with a PassIssuer key file's key.
        .target(
            name: "SpentListServer",
            dependencies: [
                "SpentList", "SpentListAPI", "PassVerifier", "PassIssuer", "CSodium", "Conventions", "Counter", "Charts",
                hummingbird, nioHTTP1, logging,
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "passnum",
            dependencies: [
                // Drawing (cairo) stays in CarnetPrinter, statements included; only `passnum serve`
                // uses SpentListServer, Hummingbird and Logging (DependencyTests checks both).
                "PassVerifier", "PassIssuer", "CarnetPrinter", "Counter", "CSodium", "SafeOutput", "SharedSQLite", "SpentList", "SpentListAPI", "SpentListServer", "Conventions", "PostgresSpentList",
                hummingbird, logging,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Rebuilds Vectors/ from fixed seeds; never needed at run time.
        .executableTarget(name: "passnum-vectors", dependencies: ["PassVerifier", "PassIssuer", "SpentList", "CSodium"]),

        .testTarget(name: "PassVerifierTests", dependencies: ["PassVerifier", "PassIssuer", .product(name: "Crypto", package: "swift-crypto")]),
        // A live service in the test process: the counter's logic tested against the real thing.
        .testTarget(
            name: "CounterTests",
            dependencies: [
                "Counter", "SpentListAPI", "PassVerifier", "PassIssuer", "CQRencode", "CStb", "SpentList", "SpentListServer",
                hummingbird, hummingbirdTesting,
            ]
        ),
        .testTarget(name: "ConventionsTests", dependencies: ["Conventions"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "SpentListAPI"]),
        .testTarget(name: "PassIssuerTests", dependencies: ["PassIssuer", "PassVerifier"]),
        .testTarget(name: "PassnumCLITests", dependencies: ["passnum", "PassVerifier", "PassIssuer", "Counter", "Conventions"]),
        .testTarget(name: "CarnetPrinterTests", dependencies: ["CarnetPrinter", "Charts", "PassVerifier", "PassIssuer", "CZbar", "CCairo"]),
        .testTarget(
            name: "SpentListTests",
            dependencies: ["SpentList", "TestStores", "Conventions", "PostgresSpentList", "SpentListAPI", "PassVerifier", "PassIssuer", "SharedSQLite", grdb]
        ),
        .testTarget(
            name: "SpentListServerTests",
            dependencies: [
                "SpentListServer", "SpentList", "SpentListAPI", "PassVerifier", "PassIssuer", "Conventions", "TestStores", grdb,
                hummingbird, hummingbirdTesting, asyncHTTPClient,
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Partners depend on this package for `PassVerifier` (and `passverify`) alone, and should fetch
// none of the server's packages. So every use of another package's product is conditioned on
// the trait "Server" (SE-0450), on by default: `swift build` and `make test` build everything,
// and a partner who writes `.package(url: …, from: …, traits: [])` fetches nothing but this
// package. Done here, once, so targets added later are covered too.
package.traits = [
    .trait(name: "Server", description: "The CLI, the spent-list service, printing and their tests (all the package's dependencies)."),
    .default(enabledTraits: ["Server"]),
]
for target in package.targets {
    target.dependencies = target.dependencies.map { dependency in
        guard case .productItem(let name, let package, let moduleAliases, nil) = dependency else { return dependency }
        return .productItem(name: name, package: package, moduleAliases: moduleAliases, condition: .when(traits: ["Server"]))
    }
}
