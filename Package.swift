// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Allies",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "allies", targets: ["allies"]),
        .library(name: "AlliesCore", targets: ["AlliesCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The bundled dataset, linked into the binary with the assembler's .incbin: one copy of the JSON
        // (Resources/allies.json), no Bundle lookup at run time, and no giant array literal to compile.
        .target(name: "CAlliesData", cSettings: [.headerSearchPath("../../Resources")]),
        // The SIGBUS guard over mapped dataset files: a file cut short while it is read becomes an error, not a crash.
        .target(name: "CMappedFiles"),
        // Display width, sanitising and clipping of untrusted text. No model, no terminal.
        .target(name: "AlliesText"),
        // The model: types, loading and validation, lookup, search, timeline, money. No terminal code.
        // Snowball's stemmers (libstemmer): Spanish and English words to their stems for search.
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        .target(name: "AlliesCore", dependencies: ["CAlliesData", "CMappedFiles", "CStemmer", "AlliesText"]),
        // Synthetic datasets for benchmarks, demos and tests (`allies generate`). Not part of the AlliesCore product.
        .target(name: "AlliesGenerator", dependencies: ["AlliesCore"]),
        // The explorer: state, messages, update, render into a Grid. No ncurses.
        .target(name: "AlliesExplorer", dependencies: ["AlliesCore", "AlliesText"]),
        // The one module that talks to ncurses.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "AlliesTerminal", dependencies: ["CNcursesw", "CMappedFiles", "AlliesCore", "AlliesExplorer"]),
        .executableTarget(
            name: "allies",
            dependencies: [
                "AlliesCore", "AlliesGenerator", "AlliesText", "AlliesExplorer", "AlliesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: Allies against jq, python, grep and fzf on a generated dataset (BENCHMARKS.md).
        .executableTarget(name: "allies-bench", dependencies: ["AlliesCore", "AlliesExplorer", "AlliesGenerator"]),
        .testTarget(name: "AlliesCoreTests", dependencies: ["AlliesCore", "AlliesGenerator", "AlliesText"]),
        .testTarget(
            name: "AlliesExplorerTests",
            dependencies: ["AlliesExplorer", "AlliesCore", "AlliesGenerator", "AlliesText"],
            exclude: ["Golden"]),
        // The backend's signal handling, in process (no terminal needed).
        .testTarget(name: "AlliesTerminalTests", dependencies: ["AlliesTerminal", "AlliesCore", "AlliesGenerator"]),
        // Runs the built `allies` binary (the dependency makes `swift test` build it) and, in tmux, the explorer; the
        // explorer's model tells what each screen of the binary should be.
        .testTarget(
            name: "AlliesCLITests", dependencies: ["allies", "AlliesExplorer", "AlliesCore", "AlliesGenerator"]),
    ]
)
