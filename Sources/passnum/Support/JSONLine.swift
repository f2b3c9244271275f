import SpentList
import SpentListAPI

/// One compact JSON object per line, for `--json` output: the service's own hand-written JSON
/// value (field order kept, no JSONEncoder per line: bulk verification prints one per token).
func jsonLine(_ fields: [(String, JSON)]) -> String {
    JSON.object(fields).text
}
