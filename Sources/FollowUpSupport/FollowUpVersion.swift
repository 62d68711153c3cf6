/// The version of `followup`: what `--version` and every calendar file's `PRODID` report, and
/// what names the rendering of the stored feed entries.
package enum FollowUpVersion {
    package static let current = "0.1.0"
}
