// swift-tools-version:6.0
import PackageDescription

/// A system library found through pkg-config, installed from Debian's -dev package.
func systemLibrary(_ name: String, pkgConfig: String, apt: String) -> Target {
    .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

let package = Package(
    name: "passnum",
    platforms: [.macOS(.v14)],
    products: [
        // The partner library: offline verification only, libsodium only.
        .library(name: "PassVerifier", targets: ["PassVerifier"]),
        .executable(name: "passnum", targets: ["passnum"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        systemLibrary("CSodium", pkgConfig: "libsodium", apt: "libsodium-dev"),
        systemLibrary("CQRencode", pkgConfig: "libqrencode", apt: "libqrencode-dev"),
        systemLibrary("CCairo", pkgConfig: "cairo", apt: "libcairo2-dev"),
        systemLibrary("CZbar", pkgConfig: "zbar", apt: "libzbar-dev"),
        systemLibrary("CStb", pkgConfig: "stb", apt: "libstb-dev"),
        systemLibrary("CZlib", pkgConfig: "zlib", apt: "zlib1g-dev"),

        .target(name: "PassVerifier", dependencies: ["CSodium"]),
        .target(
            name: "PassIssuer",
            dependencies: [
                "PassVerifier", "CSodium",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(name: "Counter", dependencies: ["PassVerifier", "CZbar", "CStb", .product(name: "GRDB", package: "GRDB.swift")]),
        // QR codes, carnet layout, PDF and PNG output.
        .target(name: "CarnetPrinter", dependencies: ["PassVerifier", "CQRencode", "CCairo", "CZlib"]),
        .executableTarget(
            name: "passnum",
            dependencies: [
                "PassVerifier", "PassIssuer", "CarnetPrinter", "Counter", "CSodium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Rebuilds Vectors/ from fixed seeds; never needed at run time.
        .executableTarget(name: "passnum-vectors", dependencies: ["PassVerifier", "PassIssuer", "CSodium"]),

        .testTarget(
            name: "PassVerifierTests",
            dependencies: [
                "PassVerifier", "PassIssuer",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: []
        ),
        .testTarget(name: "CounterTests", dependencies: ["Counter", "PassVerifier", "PassIssuer", "CQRencode", "CStb"]),
        .testTarget(name: "PassIssuerTests", dependencies: ["PassIssuer", "PassVerifier"]),
        .testTarget(name: "PassnumCLITests", dependencies: ["passnum", "PassVerifier", "PassIssuer", "Counter"]),
        .testTarget(
            name: "CarnetPrinterTests",
            dependencies: ["CarnetPrinter", "PassVerifier", "PassIssuer", "CZbar", "CCairo"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
