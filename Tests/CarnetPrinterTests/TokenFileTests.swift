import CarnetPrinter
import Foundation
import Testing

@Suite struct TokenFileTests {
    @Test func readsLinesInBlocksKeepingLineNumbers() throws {
        let scratch = Scratch()
        let path = scratch.file("t.txt")
        try Data("111\r\n\n222\n333".utf8).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var file = TokenFile(fd: fd, name: path)
        let first = try file.next(count: 2)
        #expect(first.map(\.line) == [1, 3])  // the blank line 2 is skipped but counted
        #expect(first.map(\.text) == ["111", "222"])
        let rest = try file.next(count: 2)
        #expect(rest.map(\.line) == [4] && rest.map(\.text) == ["333"])
        #expect(try file.next(count: 2).isEmpty)
    }
}
