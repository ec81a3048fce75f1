// The libFuzzer entry point for the loader: coverage-guided, under AddressSanitizer. Built by
// `Fuzz/run.sh --libfuzzer SECONDS` with `swiftc -sanitize=fuzzer,address` together with AlliesCore's sources,
// Tests/AlliesCoreTests/Mutator.swift and Tests/AlliesCoreTests/LoaderInvariants.swift.
//
// Every input goes through LoaderInvariants.check; a broken invariant aborts, so libFuzzer keeps the input as a
// crash file. Half of the mutations are libFuzzer's own (byte-level, guided by coverage), half are
// DatasetMutator's structured ones applied to the current input.
import AlliesCore
import AlliesGenerator
import LLVMFuzzerShim
#if canImport(Glibc)
    import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let check = LoaderInvariants.check(bytes)
    if !check.violations.isEmpty {
        print("loader invariant broken: \(check.violations.joined(separator: "; "))")
        abort()
    }
    return 0
}

@_cdecl("LLVMFuzzerCustomMutator")
public func customMutator(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    guard let data else { return 0 }
    if seed & 1 == 0 || size == 0 { return LLVMFuzzerMutate(data, size, maxSize) }
    var mutator = DatasetMutator(seed: Array(UnsafeBufferPointer(start: data, count: size)))
    mutator.maxNesting = 2_000
    mutator.maxHugeString = min(1 << 16, maxSize / 2)
    mutator.maxHugeArray = 2_000
    let mutant = mutator.mutant(UInt64(seed >> 1))
    guard !mutant.bytes.isEmpty, mutant.bytes.count <= maxSize else { return LLVMFuzzerMutate(data, size, maxSize) }
    mutant.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: $0.count) }
    return mutant.bytes.count
}
