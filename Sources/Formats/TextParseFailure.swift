/// Why text was not read as a value. The two need different messages: text in no accepted form needs the forms
/// listed, while text in an accepted form that names too large a value needs the range (listing the forms would
/// tell the user that a well-formed value is malformed).
public enum TextParseFailure: Error, Sendable, Equatable {
    /// Not in any accepted form.
    case malformed
    /// In an accepted form, but outside what the value's type holds; `accepted` states the range, for messages.
    case outOfRange(accepted: String)
}
