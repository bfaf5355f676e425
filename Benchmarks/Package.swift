// swift-tools-version: 6.1
// StreamLab's benchmarks, a separate package so the root build stays lean.
// Run: cd Benchmarks && swift package benchmark   (see Benchmarks/README.md)
import PackageDescription

let benchmarkPlugin: Target.PluginUsage = .plugin(name: "BenchmarkPlugin", package: "package-benchmark")

let package = Package(
    name: "StreamLabBenchmarks",
    dependencies: [
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "StreamLab", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "SimKernel", package: "StreamLab"),
            ],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [benchmarkPlugin]
        ),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "SimKernel", package: "StreamLab"),
                .product(name: "Workloads", package: "StreamLab"),
                .product(name: "Dataflow", package: "StreamLab"),
                .product(name: "Engines", package: "StreamLab"),
                .product(name: "Delivery", package: "StreamLab"),
                .product(name: "BenchKit", package: "StreamLab"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [benchmarkPlugin]
        ),
    ]
)
