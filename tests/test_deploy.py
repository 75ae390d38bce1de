"""compose.yaml and deploy/local.py fill in the one proxy template the same way, so the proxy
test and the load tests run what compose runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from deploy.local import render_site, site_variables

COMPOSE = Path(__file__).parents[1] / "compose.yaml"


def compose_services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_compose_fills_the_proxy_template_as_deploy_local_does():
    proxy = compose_services()["proxy"]["environment"]
    upstreams = [server.split()[1] for server in proxy["UPSTREAM_SERVERS"].split(";") if server]
    assert upstreams == ["app1:8501", "app2:8502"]
    assert proxy == site_variables(upstreams, int(proxy["LISTEN_PORT"]))


def test_each_compose_replica_listens_on_the_port_its_route_names():
    services = compose_services()
    proxy = services["proxy"]["environment"]
    for server in proxy["UPSTREAM_SERVERS"].rstrip(";").split(";"):
        host, port = server.split()[1].split(":")
        assert services[host]["environment"]["STREAMLIT_SERVER_PORT"] == port
        assert f'"~^{port}-" replica_{port};' in proxy["REPLICA_ROUTES"]


def test_a_browser_is_routed_by_its_replicas_port_with_the_others_as_backup():
    site = render_site(["127.0.0.1:4001", "127.0.0.1:4002"], 9000)
    assert "upstream replica_4001 { server 127.0.0.1:4001; server 127.0.0.1:4002 backup; }" in site
    assert "upstream replica_4002 { server 127.0.0.1:4002; server 127.0.0.1:4001 backup; }" in site
    assert "${" not in site


def test_two_replicas_on_one_port_are_refused():
    with pytest.raises(ValueError, match="its own port"):
        site_variables(["10.0.0.1:8501", "10.0.0.2:8501"], 80)
