// swift-tools-version: 6.0
// StreamLab: a deterministic discrete-event workbench for stream processing.
// Layering (imports point to earlier entries only; see README "Architecture"):
//   CGSL → SimKernel (→ SVGCharts) → Workloads → (CPrefetch →) Dataflow → Engines → Delivery → Harness → Teaching → StreamLabCLI → streamlab
import PackageDescription

let package = Package(
    name: "StreamLab",
    products: [
        .executable(name: "streamlab", targets: ["streamlab"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "Workloads", targets: ["Workloads"]),
        .library(name: "StreamLabCLI", targets: ["StreamLabCLI"]),
        // For the Benchmarks/ package (depends on the root by path).
        .library(name: "Dataflow", targets: ["Dataflow"]),
        .library(name: "Engines", targets: ["Engines"]),
        .library(name: "Delivery", targets: ["Delivery"]),
        .library(name: "BenchKit", targets: ["BenchKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(
            name: "SimKernel",
            dependencies: ["CGSL"]
        ),
        .target(
            name: "Workloads",
            dependencies: ["SimKernel", .product(name: "Collections", package: "swift-collections")]
        ),
        // Cache prefetch hints for the keyed window state (C: Swift has no prefetch).
        .target(name: "CPrefetch"),
        .target(
            name: "Dataflow",
            dependencies: ["SimKernel", "Workloads", "CPrefetch", .product(name: "Collections", package: "swift-collections")]
        ),
        // The one SVG chart writer, below Harness, BenchKit and Teaching so all three can draw with it.
        .target(
            name: "SVGCharts",
            dependencies: ["SimKernel"]
        ),
        .target(
            name: "Teaching",
            dependencies: ["SimKernel", "SVGCharts", "Workloads", "Dataflow", "Engines"]
        ),
        .target(
            name: "Engines",
            dependencies: ["SimKernel", "Workloads", "Dataflow", .product(name: "Collections", package: "swift-collections")]
        ),
        .target(
            name: "Delivery",
            dependencies: ["SimKernel", "Workloads", "Dataflow", "Engines", .product(name: "Collections", package: "swift-collections")]
        ),
        .target(
            name: "Harness",
            dependencies: [
                "SimKernel", "Workloads", "Dataflow", "Engines", "Delivery", "SVGCharts",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "BenchKit",
            dependencies: ["SimKernel", "Workloads", "Dataflow", "Engines", "SVGCharts"]
        ),
        .target(
            name: "StreamLabCLI",
            dependencies: [
                "SimKernel", "Workloads", "Dataflow", "Teaching", "Engines", "BenchKit", "Delivery", "Harness", "SVGCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "streamlab", dependencies: ["StreamLabCLI"]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "CGSL"]),
        .testTarget(name: "WorkloadsTests", dependencies: ["Workloads", "SimKernel"], exclude: ["Fixtures"]),
        .testTarget(name: "DataflowTests", dependencies: ["Dataflow", "Workloads", "SimKernel"]),
        .testTarget(name: "TeachingTests", dependencies: ["Teaching", "SimKernel", "Dataflow", "Workloads", "Delivery"]),
        .testTarget(name: "EnginesTests", dependencies: ["Engines", "Dataflow", "Workloads", "SimKernel"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "Engines", "Dataflow", "Workloads", "SimKernel"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Engines", "Delivery", "Workloads", "SimKernel", "SVGCharts"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["StreamLabCLI", "streamlab"]),
    ]
)
