//! The main loop: the initialize handshake, then one event at a time, either a message
//! from the client (answered at once from the buffers and the last snapshot) or a
//! snapshot from the background validation (its diagnostics published). Only this loop
//! writes to the client. A request whose handler fails is answered with an error; a
//! message that is not JSON-RPC is logged and skipped; the end of the input ends the
//! session.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufReader, Read, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::handshake::{can_watch, capabilities, folder, roots};
use super::transport::{self, Incoming};
use super::view::View;
use super::workspace::{Job, Snapshot, Workspace};
use super::{Ended, Options, actions, completion, hover, navigation, rename};
use super::{symbols, uri, worker};

/// What the main loop waits for.
#[derive(Debug)]
pub enum Event {
    /// Something from the client.
    Client(Incoming),
    /// A new validated snapshot.
    Validated(Box<Snapshot>),
    /// A validation failed (a bug): the last snapshot stays.
    Failed,
}

/// An error answer: the JSON-RPC code and message.
type Failure = (i32, String);

/// The server's state.
pub struct Server<'w> {
    out: &'w mut dyn Write,
    workspace: Workspace,
    snapshot: Box<Snapshot>,
    /// The diagnostics last published for each URI, when not empty.
    published: HashMap<String, Vec<lsp_types::Diagnostic>>,
    /// Messages about files outside any document already logged.
    logged: HashSet<String>,
    jobs: Option<Sender<Job>>,
    shut_down: bool,
}

impl Server<'_> {
    /// Serves one session.
    pub fn run(
        input: Box<dyn Read + Send>,
        out: &mut dyn Write,
        options: &Options,
    ) -> io::Result<Ended> {
        let (events, queue) = channel();
        let reader = events.clone();
        std::thread::Builder::new()
            .name("actorgraph-lsp-read".into())
            .spawn(move || {
                let mut input = BufReader::new(input);
                loop {
                    let incoming = transport::read(&mut input);
                    let end = matches!(incoming, Incoming::End);
                    if reader.send(Event::Client(incoming)).is_err() || end {
                        return;
                    }
                }
            })?;
        let mut server = Server {
            out,
            workspace: Workspace {
                exclude: options.exclude.clone(),
                ..Workspace::default()
            },
            snapshot: Box::default(),
            published: HashMap::new(),
            logged: HashSet::new(),
            jobs: None,
            shut_down: false,
        };
        let Some(init) = server.handshake(&queue)? else {
            return Ok(Ended::Abruptly);
        };
        server.workspace.roots = roots(&init.params);
        let watch = can_watch(&init.params);
        server.send(Response::new_ok(init.id, capabilities()))?;
        if watch {
            server.watch_files()?;
        }
        server.jobs = Some(worker::spawn(events, options.debounce)?);
        server.schedule();
        while let Ok(event) = queue.recv() {
            match event {
                Event::Validated(snapshot) => server.publish(snapshot)?,
                Event::Failed => server.log("internal error: the dataset could not be checked")?,
                Event::Client(Incoming::Message(Message::Request(r))) => server.request(r)?,
                Event::Client(Incoming::Message(Message::Notification(n))) => {
                    if n.method == "exit" {
                        return Ok(if server.shut_down {
                            Ended::Cleanly
                        } else {
                            Ended::Abruptly
                        });
                    }
                    server.notification(n);
                }
                Event::Client(Incoming::Message(Message::Response(_))) => {}
                Event::Client(Incoming::Malformed(why)) => server.log(&format!("ignored {why}"))?,
                Event::Client(Incoming::End) => break,
            }
        }
        Ok(Ended::Abruptly)
    }

    /// Waits for `initialize`, refusing other requests meanwhile; `None` if the client
    /// leaves first.
    fn handshake(
        &mut self,
        queue: &std::sync::mpsc::Receiver<Event>,
    ) -> io::Result<Option<Request>> {
        while let Ok(event) = queue.recv() {
            match event {
                Event::Client(Incoming::Message(Message::Request(r)))
                    if r.method == "initialize" =>
                {
                    return Ok(Some(r));
                }
                Event::Client(Incoming::Message(Message::Request(r))) => {
                    self.send(Response::new_err(
                        r.id,
                        ErrorCode::ServerNotInitialized as i32,
                        "the server is not initialized".into(),
                    ))?;
                }
                Event::Client(Incoming::Message(Message::Notification(n)))
                    if n.method == "exit" =>
                {
                    return Ok(None);
                }
                Event::Client(Incoming::End) => return Ok(None),
                _ => {}
            }
        }
        Ok(None)
    }

    fn send(&mut self, message: impl Into<Message>) -> io::Result<()> {
        transport::write(self.out, &message.into())
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) -> io::Result<()> {
        self.send(Notification::new(method.into(), params))
    }

    fn log(&mut self, message: &str) -> io::Result<()> {
        self.notify(
            "window/logMessage",
            json!({ "type": 3, "message": message }),
        )
    }

    /// Asks the client to say when YAML files change on disk (a `git checkout`, another
    /// program), so they are validated again; its answer is not awaited.
    fn watch_files(&mut self) -> io::Result<()> {
        let params = json!({ "registrations": [{
            "id": "actorgraph-yaml-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": [
                { "globPattern": "**/*.yaml" },
                { "globPattern": "**/*.yml" },
                { "globPattern": "**/.actorgraphignore" },
            ] },
        }] });
        self.send(Request::new(
            RequestId::from("actorgraph-watch".to_owned()),
            "client/registerCapability".into(),
            params,
        ))
    }

    /// Asks for the workspace to be validated again.
    fn schedule(&mut self) {
        if let Some(jobs) = &self.jobs {
            // The worker only stops when this sender is dropped.
            let _ = jobs.send(self.workspace.job());
        }
    }

    fn request(&mut self, r: Request) -> io::Result<()> {
        let id: RequestId = r.id.clone();
        let answer = if self.shut_down {
            Err((
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ))
        } else if r.method == "shutdown" {
            self.shut_down = true;
            self.jobs = None;
            Ok(Value::Null)
        } else {
            let view = View {
                workspace: &self.workspace,
                snapshot: &self.snapshot,
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| answer(&view, r)))
                .unwrap_or_else(|_| Err((ErrorCode::InternalError as i32, "internal error".into())))
        };
        let response = match answer {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code, message),
        };
        self.send(response)
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::{
            DidChangeTextDocumentParams, DidChangeWorkspaceFoldersParams,
            DidCloseTextDocumentParams, DidOpenTextDocumentParams,
        };
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = parse::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = self.workspace.path_of(p.text_document.uri.as_str()) {
                    self.workspace.open(path, p.text_document.text);
                    self.schedule();
                }
            }
            "textDocument/didChange" => {
                let Ok(p) = parse::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = self.workspace.path_of(p.text_document.uri.as_str()) {
                    self.workspace.change(&path, p.content_changes);
                    self.schedule();
                }
            }
            "textDocument/didClose" => {
                let Ok(p) = parse::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(path) = self.workspace.path_of(p.text_document.uri.as_str()) {
                    self.workspace.close(&path);
                    self.schedule();
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => self.schedule(),
            "workspace/didChangeWorkspaceFolders" => {
                let Ok(p) = parse::<DidChangeWorkspaceFoldersParams>(n.params) else {
                    return;
                };
                let gone: Vec<PathBuf> = p
                    .event
                    .removed
                    .iter()
                    .filter_map(|f| uri::to_path(f.uri.as_str()))
                    .collect();
                self.workspace.roots.retain(|r| !gone.contains(r));
                let added = p.event.added.iter().filter_map(|f| folder(f.uri.as_str()));
                self.workspace.roots.extend(added);
                self.schedule();
            }
            _ => {}
        }
    }

    /// Takes a new snapshot, publishing the diagnostics of each file whose list changed
    /// (and clearing those of files that became clean or left the dataset).
    fn publish(&mut self, mut snapshot: Box<Snapshot>) -> io::Result<()> {
        let lists = std::mem::take(&mut snapshot.published);
        let mut now = HashMap::new();
        for (uri, list) in snapshot.uris.iter().zip(lists) {
            let before = self.published.remove(uri);
            if before.as_ref().map_or(!list.is_empty(), |b| *b != list) {
                self.notify(
                    "textDocument/publishDiagnostics",
                    json!({ "uri": uri, "diagnostics": list }),
                )?;
            }
            if !list.is_empty() {
                now.insert(uri.clone(), list);
            }
        }
        // Files that left the dataset (deleted, excluded, a folder removed).
        for (uri, _) in std::mem::replace(&mut self.published, now) {
            self.notify(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "diagnostics": [] }),
            )?;
        }
        for message in std::mem::take(&mut snapshot.elsewhere) {
            if self.logged.insert(message.clone()) {
                self.log(&message)?;
            }
        }
        // Requests go on with the last good index while a file does not parse. The
        // snapshot set aside takes a while to free: not on this thread.
        if snapshot.replaces(&self.snapshot) {
            snapshot = std::mem::replace(&mut self.snapshot, snapshot);
        }
        crate::parallel::drop_in_background(snapshot);
        Ok(())
    }
}

/// The answer to one request.
fn answer(view: &View<'_>, r: Request) -> Result<Value, Failure> {
    let params = r.params;
    let value = match r.method.as_str() {
        "textDocument/completion" => to_value(completion::complete(view, &parse(params)?)),
        "textDocument/hover" => to_value(hover::hover(view, &parse(params)?)),
        "textDocument/definition" => to_value(navigation::definition(view, &parse(params)?)),
        "textDocument/references" => to_value(navigation::references(view, &parse(params)?)),
        "textDocument/documentSymbol" => to_value(symbols::symbols(view, &parse(params)?)),
        "textDocument/codeAction" => to_value(actions::actions(view, &parse(params)?)),
        "textDocument/prepareRename" => {
            to_value(rename::prepare(view, &parse(params)?).map_err(refused)?)
        }
        "textDocument/rename" => to_value(rename::rename(view, &parse(params)?).map_err(refused)?),
        _ => {
            return Err((
                ErrorCode::MethodNotFound as i32,
                "method not supported".into(),
            ));
        }
    };
    Ok(value)
}

fn refused(why: String) -> Failure {
    (ErrorCode::RequestFailed as i32, why)
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| {
        (
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters ({})", e.classify_word()),
        )
    })
}

trait Classify {
    fn classify_word(&self) -> &'static str;
}

impl Classify for serde_json::Error {
    fn classify_word(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Data => "wrong shape",
            _ => "not JSON",
        }
    }
}

fn to_value(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
