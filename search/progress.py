"""A text progress bar for long commands (update_index): plain Python, no terminal library."""

BAR_WIDTH = 30


def progress_line(done, total, seconds):
    """`[#####.....]  30%  3,000/10,000  1,250/s  ETA 6 s`: `done` of `total` in `seconds`."""
    share = done / total if total else 1.0
    filled = round(share * BAR_WIDTH)
    rate = done / seconds if seconds > 0 else 0.0
    line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:>4.0%}  {done:,}/{total:,}"
    if rate:
        line += f"  {rate:,.0f}/s"
        if done < total:
            line += f"  ETA {(total - done) / rate:,.0f} s"
        else:
            line += f"  in {seconds:,.1f} s"
    return line
