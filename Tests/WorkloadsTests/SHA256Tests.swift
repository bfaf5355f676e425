import Testing

/// Known answers from FIPS 180-4's examples (and the empty string), so the
/// pinned dataset digests rest on a checked implementation.
@Suite struct SHA256Tests {
    @Test func emptyInputHasTheStandardDigest() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcHasTheStandardDigest() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessageHasTheStandardDigest() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func millionAsHasTheStandardDigest() {
        var hasher = SHA256()
        hasher.update(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
