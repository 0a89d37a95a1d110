//! `actorgraph init [DIR]`: start a project in one command. Writes the example dataset,
//! the schema its modeline names and the review workflow, each atomically, and none of
//! them when any already exists.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::CommandError;
use crate::EXIT_OK;
use crate::init;
use crate::output;

#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// The project's directory (made if missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub(super) fn run(args: &InitArgs, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    let files = init::files();
    let existing: Vec<String> = files
        .iter()
        .map(|f| args.dir.join(&f.path))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| format!("`{}`", p.display()))
        .collect();
    if !existing.is_empty() {
        return Err(CommandError::Files(format!(
            "refusing to overwrite {}; nothing was written",
            existing.join(", ")
        )));
    }
    let mut staged = Vec::new();
    for file in &files {
        let target = args.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                CommandError::Files(format!("cannot create `{}`: {e}", parent.display()))
            })?;
        }
        let s = output::stage(&target, |out| out.write_all(file.content.as_bytes()))?;
        staged.push(s);
    }
    for s in staged {
        s.commit()?;
    }
    for file in &files {
        writeln!(stdout, "wrote {}", args.dir.join(&file.path).display())?;
    }
    writeln!(
        stdout,
        "next: edit graphs/example.yaml, then run `actorgraph validate graphs`"
    )?;
    Ok(EXIT_OK)
}
