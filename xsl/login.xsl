<?xml version="1.0" encoding="UTF-8"?>
<!--
  login.xsl: the pages of the login program (证书登录).
  Views: login (用户名/密码 under the client certificate), password
  (forced change of the initial password), locked (too many failures).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The login form, or the unbound-certificate notice when <cert> is
       absent. -->
  <xsl:template match="page[@view = 'login']" mode="content">
    <section class="login-box">
      <h1>
        <xsl:choose>
          <xsl:when test="cert/@kind = 'reviewer'">经办机构用户登录</xsl:when>
          <xsl:otherwise>单位用户登录</xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:choose>
        <xsl:when test="cert">
          <p class="cert-line">
            <span class="label">当前数字证书: </span>
            <span class="mono"><xsl:value-of select="cert/@subject"/></span>
          </p>
          <xsl:variable name="d" select="number(cert/@days-left)"/>
          <xsl:if test="$d &lt;= 30">
            <div role="alert">
              <xsl:attribute name="class">
                <xsl:choose>
                  <xsl:when test="$d &lt;= 7">msg msg-error</xsl:when>
                  <xsl:otherwise>msg msg-warn</xsl:otherwise>
                </xsl:choose>
              </xsl:attribute>
              <xsl:text>您的数字证书将于 </xsl:text>
              <strong><xsl:value-of select="$d"/></strong>
              <xsl:text> 天后到期,请及时到经办机构办理续期。</xsl:text>
            </div>
          </xsl:if>
          <form method="post" action="/login" class="form login-form" autocomplete="off">
            <table class="form-grid">
              <tr>
                <xsl:call-template name="input-cells">
                  <xsl:with-param name="label">用户名</xsl:with-param>
                  <xsl:with-param name="name">username</xsl:with-param>
                  <xsl:with-param name="value" select="login/@username[. != ''] | cert/@username[not(../../login/@username != '')]"/>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength">64</xsl:with-param>
                  <xsl:with-param name="autocomplete">username</xsl:with-param>
                </xsl:call-template>
              </tr>
              <tr>
                <xsl:call-template name="input-cells">
                  <xsl:with-param name="label">密码</xsl:with-param>
                  <xsl:with-param name="name">password</xsl:with-param>
                  <xsl:with-param name="type">password</xsl:with-param>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength">128</xsl:with-param>
                  <xsl:with-param name="autocomplete">current-password</xsl:with-param>
                </xsl:call-template>
              </tr>
            </table>
            <p class="buttons"><button type="submit" class="btn btn-primary">登录</button></p>
          </form>
          <p class="note">首次登录须修改初始密码;连续5次密码错误将锁定15分钟。</p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(/page/message[. = '您的数字证书未绑定网厅账户,请到经办机构办理'])">
            <div class="msg msg-error" role="alert">您的数字证书未绑定网厅账户,请到经办机构办理</div>
          </xsl:if>
          <p class="note">请携带单位经办人身份证及授权委托书到辖区社保经办机构办理网上办事资格。</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The forced change of the initial password. -->
  <xsl:template match="page[@view = 'password']" mode="content">
    <section class="login-box">
      <h1>修改初始密码</h1>
      <p class="note">为了您的账户安全,首次登录请修改初始密码。新密码至少8位,须包含字母和数字。</p>
      <xsl:call-template name="required-note"/>
      <form method="post" action="/login/password" class="form" autocomplete="off">
        <xsl:call-template name="csrf"/>
        <table class="form-grid">
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">原密码</xsl:with-param>
              <xsl:with-param name="name">old</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">current-password</xsl:with-param>
            </xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">新密码</xsl:with-param>
              <xsl:with-param name="name">pw</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">new-password</xsl:with-param>
            </xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">确认新密码</xsl:with-param>
              <xsl:with-param name="name">pw2</xsl:with-param>
              <xsl:with-param name="type">password</xsl:with-param>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">128</xsl:with-param>
              <xsl:with-param name="autocomplete">new-password</xsl:with-param>
            </xsl:call-template>
          </tr>
        </table>
        <p class="buttons">
          <button type="reset" class="btn">重置</button>
          <button type="submit" class="btn btn-primary">确认修改</button>
        </p>
      </form>
    </section>
  </xsl:template>

  <!-- The account is locked until locked/@until. -->
  <xsl:template match="page[@view = 'locked']" mode="content">
    <section class="login-box">
      <h1>账户已锁定</h1>
      <div class="msg msg-error" role="alert">
        <xsl:text>因连续5次密码错误,账户已锁定,请于 </xsl:text>
        <strong><xsl:value-of select="locked/@until"/></strong>
        <xsl:text> 后再试,或联系经办机构重置密码。</xsl:text>
      </div>
      <p class="actions"><a class="btn" href="/login">返回登录页</a></p>
    </section>
  </xsl:template>

</xsl:stylesheet>
