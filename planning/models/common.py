"""What the two subjects of ``planning.models`` share."""

DIVISION_HELP = "この記録を所管する課。市政概要の見出しに書かれた課(例: 政策企画課)。"
