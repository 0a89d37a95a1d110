//! `actorgraph schema`: print the JSON Schema of a dataset file, for editors.

use std::io::Write;

use clap::Args;

use super::CommandError;
use crate::EXIT_OK;
use crate::schema;

#[derive(Debug, Args)]
pub(super) struct SchemaArgs {}

pub(super) fn run(_args: &SchemaArgs, stdout: &mut dyn Write) -> Result<u8, CommandError> {
    stdout.write_all(schema::to_string().as_bytes())?;
    stdout.flush()?;
    Ok(EXIT_OK)
}
