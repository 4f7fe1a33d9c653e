import os

from flows.cli import _configure_prefect, main


def test_prefect_home_is_created_with_its_parents(tmp_path, monkeypatch):
    home = tmp_path / "not" / "yet" / ".prefect"
    monkeypatch.setenv("PREFECT_HOME", str(home))
    _configure_prefect(tmp_path / "w.duckdb")
    assert home.is_dir()
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_missing_export_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["run", str(tmp_path / "absent"), "--db", str(tmp_path / "w.duckdb")]) == 2
    assert "does not exist" in capsys.readouterr().err
