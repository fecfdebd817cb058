/// Stops the run when an invariant does not hold. The trap is what libFuzzer reports as a crash, saving the input
/// as an artifact; the message says which invariant and the values involved.
public func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError("invariant violated: \(message())", file: file, line: line)
    }
}
